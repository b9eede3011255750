using System.Linq;
using LowBit.Quantization.Quantizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

public static class QuantizerCases
{
    /// <summary>Every method at every bitwidth 1–8.</summary>
    public static TheoryData<string, int> MethodsAndBits()
    {
        var data = new TheoryData<string, int>();
        foreach (var method in QuantizationMethod.All)
        {
            foreach (var bits in Enumerable.Range(1, 8))
            {
                data.Add(method.Name, bits);
            }
        }

        return data;
    }

    /// <summary>A method's weight quantizer attached to a weight, as QConv2d attaches it.</summary>
    public static (WeightQuantizer Quantizer, Parameter Weight) AttachedWeightQuantizer(string methodName, int bits, Tensor initialWeight)
    {
        var quantizer = QuantizationMethod.Parse(methodName).CreateWeightQuantizer(bits);
        var weight = new Parameter(initialWeight, requires_grad: true);
        quantizer.Attach(weight);
        return (quantizer, weight);
    }

    public static TheoryData<int> Bits() => new(Enumerable.Range(1, 8));
}
