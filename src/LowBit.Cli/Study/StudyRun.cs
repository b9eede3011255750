using System;

namespace LowBit.Cli.Study;

/// <summary>One cell of the accuracy study: a method at a bitwidth, and what its deployed model scored.</summary>
public sealed record StudyRun(string Method, int Bits, double Accuracy, bool DeployCheckPassed, double AverageWeightBits, TimeSpan Duration)
{
    /// <summary>The float baseline has no bitwidth.</summary>
    public const int FloatBits = 32;
}
