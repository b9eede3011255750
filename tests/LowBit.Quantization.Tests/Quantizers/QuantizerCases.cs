using System.Linq;
using LowBit.Quantization.Quantizers;

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

    public static TheoryData<int> Bits() => new(Enumerable.Range(1, 8));
}
