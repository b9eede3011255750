using System;

namespace LowBit.Cli.Study;

/// <summary>One cell of the accuracy study: a method at a bitwidth, and what its deployed model scored.
/// A learned-precision run (<see cref="Budget"/> set) has weights of up to 8 bits whose average the
/// method keeps within the budget, and activations at <see cref="Bits"/>.</summary>
public sealed record StudyRun(string Method, int Bits, double Accuracy, bool DeployCheckPassed, double AverageWeightBits, TimeSpan Duration, double? Budget = null)
{
    /// <summary>The float baseline has no bitwidth.</summary>
    public const int FloatBits = 32;

    /// <summary>The most weight bits a learned-precision run may choose per layer.</summary>
    public const int LearnedMaxBits = 8;

    /// <summary>Activation bits of a learned-precision run under <paramref name="budget"/> average weight bits.</summary>
    public static int BudgetActivationBits(double budget) => Math.Clamp((int)Math.Ceiling(budget - 1e-9), 1, 8);
}
