using System.Collections.Generic;
using System.Linq;

namespace LowBit.ArmCost;

/// <summary>The counted cost of one model on one emulated CPU; every figure is per inference.</summary>
public sealed class ModelCost
{
    private readonly int _repeat;
    private readonly long _dotKernelDifference;
    private readonly long _processDifference;

    public ModelCost(string model, CpuVariant cpu, string dotPath, string checksum, int repeat, IReadOnlyList<RegionDifference> regions, long dotKernelDifference, long processDifference)
    {
        Model = model;
        Cpu = cpu;
        DotPath = dotPath;
        Checksum = checksum;
        Regions = regions;
        _repeat = repeat;
        _dotKernelDifference = dotKernelDifference;
        _processDifference = processDifference;
    }

    public string Model { get; }

    public CpuVariant Cpu { get; }

    /// <summary>The Dot4 path the binary reported for this model's activation bitwidth.</summary>
    public string DotPath { get; }

    /// <summary>Of the model's output; equal across CPUs because every kernel path is bit-exact.</summary>
    public string Checksum { get; }

    /// <summary>Regions the extra inferences ran in, in the order they were first entered.</summary>
    public IReadOnlyList<RegionDifference> Regions { get; }

    /// <summary>Instructions per inference on the thread running the loop: the sum of its regions.</summary>
    public double PerInference => PerRun(Regions.Sum(r => r.Instructions));

    /// <summary>True when the extra instructions split evenly over the extra inferences, as identical inferences must.</summary>
    public bool Exact => Regions.Sum(r => r.Instructions) % _repeat == 0;

    /// <summary>Of <see cref="PerInference"/>, the instructions inside the dot-product kernel functions.</summary>
    public double DotKernelPerInference => PerRun(_dotKernelDifference);

    /// <summary>The whole process (all threads) per extra inference: a cross-check of <see cref="PerInference"/>.</summary>
    public double ProcessPerInference => PerRun(_processDifference);

    public double PerRun(long instructions) => (double)instructions / _repeat;
}
