using System;

namespace LowBit.Cli.Study;

/// <summary>One cell of the accuracy study: a method at a bitwidth, and what its deployed model scored.
/// A learned-precision run (<see cref="Budget"/> set) has weights of up to 8 bits whose average the
/// method keeps within the budget, and activations at <see cref="Bits"/>. In a fine-tuned study the float
/// network the quantized runs start from is a <see cref="StartingPoint"/>, not the baseline: the baseline is that
/// network trained on for the same schedule as the quantized runs.</summary>
public sealed record StudyRun(string Method, int Bits, double Accuracy, bool DeployCheckPassed, double AverageWeightBits, TimeSpan Duration, double? Budget = null, bool StartingPoint = false)
{
    /// <summary>Whether this is the float baseline the quantized runs are compared with.</summary>
    public bool IsFloatBaseline => Bits == FloatBits && !StartingPoint;

    /// <summary>The float baseline has no bitwidth.</summary>
    public const int FloatBits = 32;

    /// <summary>The most weight bits a learned-precision run may choose per layer.</summary>
    public const int LearnedMaxBits = 8;

    /// <summary>Activation bits of a learned-precision run under <paramref name="budget"/> average weight bits.</summary>
    public static int BudgetActivationBits(double budget) => Math.Clamp((int)Math.Ceiling(budget - 1e-9), 1, 8);
}
