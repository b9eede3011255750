using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LowBit.Quantization.Training;

/// <summary>
/// libtorch logs warnings straight to stderr from native code, where a CLI cannot word or filter them: on this
/// project's Zen 5 VM every evaluation pass printed "Could not initialize NNPACK! Reason: Unsupported hardware."
/// (libtorch falls back to its other convolutions by itself). Only errors are logged unless the user set
/// <c>TORCH_CPP_LOG_LEVEL</c>, which libtorch reads when it loads.
/// </summary>
internal static class LibTorchLogLevel
{
    public const string Variable = "TORCH_CPP_LOG_LEVEL";

    public const string ErrorsOnly = "ERROR";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "It must run before libtorch is loaded, whichever type of this library is used first.")]
    internal static void LogErrorsOnly() => NativeEnvironment.SetDefault(Variable, ErrorsOnly);
}
