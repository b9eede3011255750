namespace LowBit.Manifest;

/// <summary>Kernel size, stride and padding of a sliding 2-D window (convolution or pooling); dilation is 1.</summary>
public sealed record Window2d(
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int PadTop,
    int PadLeft,
    int PadBottom,
    int PadRight)
{
    public static Window2d Square(int kernel, int stride = 1, int padding = 0) =>
        new(kernel, kernel, stride, stride, padding, padding, padding, padding);

    /// <summary>Output height: ⌊(H + top + bottom − kh) / sh⌋ + 1, or ≤ 0 when the window does not fit.</summary>
    public int OutputHeight(int inputHeight) => FloorDiv(inputHeight + PadTop + PadBottom - KernelHeight, StrideHeight) + 1;

    /// <summary>Output width: ⌊(W + left + right − kw) / sw⌋ + 1, or ≤ 0 when the window does not fit.</summary>
    public int OutputWidth(int inputWidth) => FloorDiv(inputWidth + PadLeft + PadRight - KernelWidth, StrideWidth) + 1;

    public int Area => KernelHeight * KernelWidth;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
