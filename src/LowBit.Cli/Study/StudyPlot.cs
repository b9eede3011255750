using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace LowBit.Cli.Study;

/// <summary>Accuracy vs bitwidth, one line per method, the fp32 baseline as a horizontal line (ScottPlot).</summary>
public static class StudyPlot
{
    public static void Save(IReadOnlyList<StudyRun> runs, string path, string network)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var group in runs.Where(r => r.Bits != StudyRun.FloatBits && r.Budget is null).GroupBy(r => r.Method))
        {
            var points = group.OrderBy(r => r.Bits).ToArray();
            var line = plot.Add.Scatter(points.Select(r => (double)r.Bits).ToArray(), points.Select(r => r.Accuracy * 100).ToArray());
            line.LegendText = group.Key;
            line.Color = palette.GetColor(index++);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        foreach (var learned in runs.Where(r => r.Budget is not null))
        {
            // At its learned average weight bitwidth: the x axis is bits per weight and activation.
            var marker = plot.Add.Marker(learned.AverageWeightBits, learned.Accuracy * 100, MarkerShape.FilledDiamond, 11);
            marker.LegendText = PaperClaims.Label(learned);
            marker.Color = palette.GetColor(index++);
        }

        var baseline = runs.FirstOrDefault(r => r.IsFloatBaseline);
        if (baseline is not null)
        {
            var fp32 = plot.Add.HorizontalLine(baseline.Accuracy * 100);
            fp32.LegendText = "fp32";
            fp32.LinePattern = LinePattern.Dashed;
            fp32.Color = Colors.Black;
        }

        var bits = runs.Where(r => r.Bits != StudyRun.FloatBits && r.Budget is null).Select(r => (double)r.Bits).Distinct().OrderBy(b => b).ToArray();
        plot.Axes.Bottom.SetTicks(bits, bits.Select(b => $"W{b}A{b}").ToArray());
        plot.XLabel("bits (weights and activations)");
        plot.YLabel("held-out accuracy of the deployed model (%)");
        plot.Title($"{network}: accuracy vs bitwidth per quantizer");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 560);
    }
}
