using System.CommandLine;
using System.Globalization;
using System.IO;
using LowBit.Manifest;
using Spectre.Console;

namespace LowBit.Cli.Commands;

/// <summary><c>lowbit inspect &lt;file.lbq&gt;</c>: reads and validates a manifest and prints a per-layer summary.</summary>
public static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The manifest (.lbq) to read." };
        var command = new Command("inspect", "Validate a manifest and print its layers: shapes, bitwidths, weights, packed size and MACs.")
        {
            file,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(file)!));
        return command;
    }

    public static int Run(CliContext context, string path)
    {
        ModelManifest manifest;
        try
        {
            manifest = ManifestReader.ReadFile(path);
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }

        Render(context.CreateConsole(), manifest, path);
        return ExitCodes.Success;
    }

    /// <summary>Writes the summary of a valid manifest.</summary>
    public static void Render(IAnsiConsole console, ModelManifest manifest, string path)
    {
        var summary = ModelSummary.Create(manifest);
        var input = manifest.Input;
        var header = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        AddHeaderRow(header, "File", $"{path} ({Bytes(new FileInfo(path).Length)})");
        AddHeaderRow(header, "Model", manifest.Name);
        AddHeaderRow(header, "Producer", $"{manifest.Producer.Name} {manifest.Producer.Version}");
        AddHeaderRow(header, "Format", $"{ManifestFormat.FormatName} version {manifest.FormatVersion}");
        AddHeaderRow(
            header,
            "Input",
            $"{input.Shape}, {Levels(input.Levels)}, zero point {Number(input.Levels.ZeroPoint)}, scale {input.Levels.Scale.ToString(CultureInfo.InvariantCulture)}");
        console.Write(header);
        console.WriteLine();

        var table = new Table().Border(TableBorder.Rounded).ShowFooters();
        table.AddColumn(new TableColumn("Id").Footer("total"));
        table.AddColumn(new TableColumn("Op"));
        table.AddColumn(new TableColumn("Output shape"));
        table.AddColumn(new TableColumn("W bits"));
        table.AddColumn(new TableColumn("A bits"));
        table.AddColumn(new TableColumn("Params").RightAligned().Footer(Number(summary.Parameters)));
        table.AddColumn(new TableColumn("Packed bytes").RightAligned().Footer(Number(summary.PackedWeightBytes)));
        table.AddColumn(new TableColumn("MACs").RightAligned().Footer(Number(summary.Macs)));
        foreach (var layer in summary.Layers)
        {
            bool hasWeights = layer.Weights is not null;
            table.AddRow(
                new Text(layer.Id),
                new Text(layer.Op.ToName()),
                new Text(layer.OutputShape.ToString()),
                new Text(hasWeights ? layer.WeightDescription : "-"),
                new Text(layer.OutputDescription),
                new Text(hasWeights ? Number(layer.Parameters) : "-"),
                new Text(hasWeights ? Number(layer.PackedWeightBytes) : "-"),
                new Text(Number(layer.Macs)));
        }

        console.Write(table);
        console.WriteLine();

        var totals = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap().RightAligned()).AddColumn();
        AddTotalsRow(totals, "Parameters", Number(summary.Parameters), "weights");
        AddTotalsRow(totals, "Packed weights", Number(summary.PackedWeightBytes), "bytes");
        AddTotalsRow(totals, "Thresholds, scale, bias", Number(summary.RequantizationBytes), "bytes");
        AddTotalsRow(totals, "MACs", Number(summary.Macs), "multiply-accumulates per sample");
        AddTotalsRow(
            totals,
            "Weights as fp32",
            Number(summary.Float32WeightBytes),
            summary.PackedWeightBytes > 0
                ? $"bytes (packed is {summary.CompressionRatio.ToString("0.0", CultureInfo.InvariantCulture)}x smaller)"
                : "bytes");
        console.Write(totals);
    }

    private static void AddHeaderRow(Grid grid, string name, string value) => grid.AddRow(new Text(name + ":"), new Text(value));

    private static void AddTotalsRow(Grid grid, string name, string value, string unit) =>
        grid.AddRow(new Text(name + ":"), new Text(value), new Text(unit));

    private static string Levels(LevelFormat levels) => $"{levels.Bits}-bit {(levels.Signed ? "signed" : "unsigned")}";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes < 1024
        ? $"{bytes} bytes"
        : $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KiB";
}
