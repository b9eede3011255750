using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Quantization.Modules;

namespace LowBit.Quantization.Export;

/// <summary>
/// Exports a <see cref="QResidual"/>: the body's layers, then the shortcut's (none for identity), each read
/// from the block's input, then the contract's <c>add</c> of their levels with the join's thresholds.
/// </summary>
internal static class ResidualExporter
{
    public static AddLayer Export(string name, QResidual residual, ExportCursor state, List<Layer> layers)
    {
        if (residual.Join is not QActivation join)
        {
            throw new ExportException($"{name}.join", $"the join of an exported QResidual must be a QActivation (its grid becomes the add's thresholds), found {residual.Join.GetType().Name}");
        }

        var entry = state.Copy();
        var body = Branch(name, "body", residual.Body, entry, layers);
        var skip = residual.Shortcut is null ? entry : Branch(name, "shortcut", residual.Shortcut, entry, layers);
        if (!body.Shape.Equals(skip.Shape))
        {
            throw new ExportException(name, $"the body gives {body.Shape} but the {(residual.Shortcut is null ? "identity shortcut" : "shortcut")} gives {skip.Shape}; the add needs equal shapes (use a strided 1×1 projection shortcut when the body changes the shape)");
        }

        var (first, second, unit) = AddMultipliers.Choose(body.Step, skip.Step, name);
        var grid = join.Quantizer.Grid();
        var fold = AffineFold.Uniform(body.Shape.Channels, unit, -unit * (((long)first * body.ZeroPoint) + ((long)second * skip.ZeroPoint)));
        var bound = ((long)first * body.LevelMagnitude) + ((long)second * skip.LevelMagnitude);
        var (thresholds, negated) = ThresholdFolding.Fold(fold, grid, bound);
        var id = $"{name}.join";
        var requantize = new ThresholdRequantization(new LevelFormat(grid.Bits, grid.Signed, 0, (float)grid.Step), thresholds, negated);
        state.MoveTo(id, body.Shape, grid.Step, 0, grid.MaxMagnitude);
        return new AddLayer(id, new[] { body.Id, skip.Id }, body.Shape, first, second, requantize);
    }

    private static ExportCursor Branch(string name, string part, TorchSharp.Modules.Sequential branch, ExportCursor entry, List<Layer> layers)
    {
        var cursor = entry.Copy();
        ChainExporter.Run(ChainExporter.Flatten(branch, $"{name}.{part}"), cursor, layers);
        if (cursor.IsFloatOutput)
        {
            throw new ExportException($"{name}.{part}", "a residual branch must end in quantized levels (a QActivation; signed, through SignedActivationQuantizer, if it can be negative), not a float output");
        }

        return cursor;
    }
}
