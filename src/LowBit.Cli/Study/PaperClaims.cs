using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LowBit.Cli.Study;

/// <summary>
/// What the seed papers claim, checked against a study's numbers. With 2,000 test digits one accuracy has
/// a standard error of about 0.35 points, a difference of two about 0.5, so differences under
/// <see cref="Noise"/> points are reported as not separable rather than as agreement or disagreement.
/// </summary>
public static class PaperClaims
{
    public const double Noise = 1.0;

    /// <summary>The papers' "lossless": at most this many points below fp32.</summary>
    public const double Lossless = 0.5;

    public static IEnumerable<string> Check(IReadOnlyList<StudyRun> runs)
    {
        StudyRun? Find(string method, int bits) => runs.FirstOrDefault(r => r.Method == method && r.Bits == bits && r.Budget is null && !r.StartingPoint);

        string? Ahead(string claim, string paper, StudyRun? better, StudyRun? worse)
        {
            if (better is null || worse is null)
            {
                return null;
            }

            var difference = (better.Accuracy - worse.Accuracy) * 100;
            var verdict = difference >= Noise ? "**agrees**" : difference <= -Noise ? "**disagrees**" : "not separable at this test-set size";
            return string.Create(CultureInfo.InvariantCulture, $"- {claim} ({paper}): {Label(better)} {better.Accuracy * 100:F2} % vs {Label(worse)} {worse.Accuracy * 100:F2} % ({difference:+0.00;-0.00} points) — {verdict}.");
        }

        string? Close(string claim, string paper, StudyRun? run, StudyRun? baseline, double tolerance = Noise)
        {
            if (run is null || baseline is null)
            {
                return null;
            }

            var gap = (baseline.Accuracy - run.Accuracy) * 100;
            var verdict = gap <= tolerance ? "**agrees**" : "**disagrees**";
            var position = gap >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"{gap:0.00} points below")
                : string.Create(CultureInfo.InvariantCulture, $"{-gap:0.00} points above");
            return string.Create(CultureInfo.InvariantCulture, $"- {claim} ({paper}): {Label(run)} {run.Accuracy * 100:F2} % vs fp32 {baseline.Accuracy * 100:F2} % ({position}) — {verdict}.");
        }

        var fp32 = Find(Quantization.Training.MnistExperiment.Float, StudyRun.FloatBits);
        var claims = new[]
        {
            Ahead("DSQ beats straight-through quantization at 2 bits", "Gong et al., ICCV 2019", Find("dsq", 2), Find("ste", 2)),
            Close("LSQ at 4 bits is close to full precision", "Esser et al., ICLR 2020", Find("lsq", 4), fp32),
            Ahead("Quantization Networks beat straight-through quantization at low bits", "Yang et al., CVPR 2019", Find("qn", 2), Find("ste", 2)),
            Ahead("Soft-threshold ternary weights beat a fixed-threshold ternary grid", "Xu et al., IJCAI 2020 (STE's 2-bit grid is ternary)", Find("stqn", 2), Find("ste", 2)),
            Ahead("CPQ beats straight-through quantization at low bits", "Lee et al., ICCV 2021", Find("cpq", 2), Find("ste", 2)),
            Close("DDQ at 4 bits is lossless", "Zhang et al., ICML 2021", Find("ddq", 4), fp32, Lossless),
            Close("DDQ with precision learned under a 4-bit budget is lossless", "Zhang et al., ICML 2021, MobileNetV2", runs.FirstOrDefault(r => r.Method == "ddq" && r.Budget <= 4), fp32, Lossless),
        };
        return claims.Where(c => c is not null)!;
    }

    public static string Label(StudyRun run) => run switch
    {
        { Budget: { } budget } => string.Create(CultureInfo.InvariantCulture, $"{run.Method} learned W≤{StudyRun.LearnedMaxBits} (budget {budget:0.##}) A{run.Bits}"),
        { StartingPoint: true } => $"{run.Method} (start of fine-tuning)",
        { Bits: StudyRun.FloatBits } => run.Method,
        _ => $"{run.Method} W{run.Bits}A{run.Bits}",
    };
}
