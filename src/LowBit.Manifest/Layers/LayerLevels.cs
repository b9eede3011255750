namespace LowBit.Manifest;

/// <summary>The integer grid of each layer's output, as the contract defines it.</summary>
public static class LayerLevels
{
    /// <summary>
    /// The level format a layer outputs: its requantization's for conv2d, linear and add; its input's for
    /// pooling and flatten; null for the float output of the last layer.
    /// </summary>
    public static LevelFormat? OutputLevels(this Layer layer, LevelFormat? inputLevels) => layer switch
    {
        Conv2dLayer conv => (conv.Requantize as ThresholdRequantization)?.Levels,
        LinearLayer linear => (linear.Requantize as ThresholdRequantization)?.Levels,
        AddLayer add => add.Requantize.Levels,
        _ => inputLevels,
    };
}
