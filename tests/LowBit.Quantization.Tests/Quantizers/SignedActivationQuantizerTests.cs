using System.Linq;
using LowBit.Quantization.Quantizers;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>A signed activation (a residual branch, a MobileNetV2 projection) must start training with a
/// grid that fits its values: the shift it adds is read from the inner quantizer's range, so an inner range
/// initialised on the shifted values started 20× too wide and rounded nearly everything to 0.</summary>
public class SignedActivationQuantizerTests
{
    // Relative squared error of the grid the methods' first-batch rules start on N(0, 1) values (0.15,
    // 0.015–0.026, 0.001–0.021 at 2, 4, 8 bits), with room; a grid started on the shifted values gave 0.44, 0.88, 1.0.
    private static readonly (int Bits, double MaxRelativeError)[] Bounds = { (2, 0.2), (4, 0.04), (8, 0.025) };

    public static TheoryData<string, int> LearnedRangeMethodsAndBits()
    {
        var data = new TheoryData<string, int>();
        foreach (var method in QuantizationMethod.All.Where(m => m != QuantizationMethod.Ste))
        {
            foreach (var (bits, _) in Bounds)
            {
                data.Add(method.Name, bits);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LearnedRangeMethodsAndBits))]
    public void FirstTrainingBatchStartsAGridThatHoldsTheValues(string methodName, int bits)
    {
        manual_seed(7);
        var x = randn(64, 16, 8, 8);
        using var quantizer = new SignedActivationQuantizer(QuantizationMethod.Parse(methodName).CreateActivationQuantizer(bits));
        quantizer.train();
        using (no_grad())
        {
            quantizer.call(x);
        }

        quantizer.eval();
        var error = RelativeSquaredError(quantizer.call(x), x);

        Assert.True(error < Bounds.Single(b => b.Bits == bits).MaxRelativeError, $"{methodName} W{bits}: relative squared error {error:F4}, grid step {quantizer.Grid().Step:G4}");
    }

    private static double RelativeSquaredError(Tensor quantized, Tensor x) =>
        (quantized - x).square().mean().item<float>() / x.square().mean().item<float>();
}
