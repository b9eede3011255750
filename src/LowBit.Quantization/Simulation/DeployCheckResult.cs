namespace LowBit.Quantization.Simulation;

/// <summary>
/// How the exported model compares with the TorchSharp model it came from, on a held-out set:
/// argmax agreement, both accuracies, and whether the TorchSharp integer simulation reproduced the
/// reference interpreter's float32 outputs bit for bit.
/// </summary>
public sealed record DeployCheckResult(
    int Samples,
    double TorchAccuracy,
    double ManifestAccuracy,
    double Agreement,
    int SimulationMismatches)
{
    public const double RequiredAgreement = 0.995;
    public const double MaxAccuracyGapPoints = 0.2;

    public double AccuracyGapPoints => System.Math.Abs(TorchAccuracy - ManifestAccuracy) * 100;

    public bool SimulationBitExact => SimulationMismatches == 0;

    public bool Passed => Agreement >= RequiredAgreement && AccuracyGapPoints <= MaxAccuracyGapPoints && SimulationBitExact;

    public override string ToString() =>
        $"{Samples} samples: torch {TorchAccuracy:P2}, manifest {ManifestAccuracy:P2} (gap {AccuracyGapPoints:F2} points), argmax agreement {Agreement:P2}, integer simulation {(SimulationBitExact ? "bit-exact" : $"differs on {SimulationMismatches} outputs")}";
}
