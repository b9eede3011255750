namespace LowBit.Manifest;

/// <summary>What the validator knows of a tensor: its shape and its level format (null for float output).</summary>
internal sealed record TensorInfo(TensorShape Shape, LevelFormat? Levels, string ProducerPath);
