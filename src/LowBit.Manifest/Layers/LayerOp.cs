namespace LowBit.Manifest;

/// <summary>The operations manifest v1 defines. Their exact integer semantics are in docs/integer-contract.md.</summary>
public enum LayerOp
{
    Conv2d,
    Linear,
    MaxPool2d,
    AvgPool2d,
    GlobalAvgPool,
    Add,
    Flatten,
}
