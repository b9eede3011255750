using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Manifest;

/// <summary>The spelling of each <see cref="LayerOp"/> in the JSON <c>op</c> member.</summary>
public static class LayerOpNames
{
    private static readonly Dictionary<LayerOp, string> Names = new()
    {
        [LayerOp.Conv2d] = "conv2d",
        [LayerOp.Linear] = "linear",
        [LayerOp.MaxPool2d] = "maxPool2d",
        [LayerOp.AvgPool2d] = "avgPool2d",
        [LayerOp.GlobalAvgPool] = "globalAvgPool",
        [LayerOp.Add] = "add",
        [LayerOp.Flatten] = "flatten",
    };

    public static IEnumerable<string> All => Names.Values;

    public static string ToName(this LayerOp op) => Names[op];

    public static bool TryParse(string name, out LayerOp op)
    {
        foreach (var pair in Names.Where(pair => string.Equals(pair.Value, name, StringComparison.Ordinal)))
        {
            op = pair.Key;
            return true;
        }

        op = default;
        return false;
    }
}
