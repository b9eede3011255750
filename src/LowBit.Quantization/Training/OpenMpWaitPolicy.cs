using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LowBit.Quantization.Training;

/// <summary>
/// libtorch's OpenMP runtime (GNU libgomp, shipped with libtorch) lets idle threads spin before they sleep. When
/// other processes use the same cores, a spinning thread burns the time slice its partner needs to reach the
/// next barrier, and training crawls: on the 2-core VM of issue 18, at load average ≈ 24, one epoch ran at
/// 50 images/s spinning and 364 images/s with <c>OMP_WAIT_POLICY=PASSIVE</c> (short runs, both under that load).
/// libgomp reads the variable once, when it is loaded by the first torch call, so it is set here, before any
/// type of this library runs. A policy the user set is left alone.
/// </summary>
internal static class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";

    public const string Passive = "PASSIVE";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "It must run before libtorch is loaded, whichever type of this library is used first.")]
    internal static void PreferPassiveWaiting() => NativeEnvironment.SetDefault(Variable, Passive);
}
