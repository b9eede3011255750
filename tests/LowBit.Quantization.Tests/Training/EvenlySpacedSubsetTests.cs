using System.Linq;
using LowBit.Quantization.Tests.Export;
using LowBit.Quantization.Training;

namespace LowBit.Quantization.Tests.Training;

/// <summary>The bundled digits are sorted by label: a subset for a short schedule must still hold every class.</summary>
public sealed class EvenlySpacedSubsetTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public EvenlySpacedSubsetTests(MnistFixture mnist) => _mnist = mnist;

    [Fact]
    public void A_subset_keeps_every_class_in_its_share()
    {
        using var subset = _mnist.Train.EvenlySpaced(640);

        var labels = subset.Labels.data<long>().ToArray();
        var all = _mnist.Train.Labels.data<long>().ToArray();
        Assert.Equal(640, labels.Length);
        for (var digit = 0; digit < 10; digit++)
        {
            var expected = 640.0 * all.Count(l => l == digit) / all.Length;
            Assert.InRange(labels.Count(l => l == digit), expected - 1, expected + 1);
        }
    }

    [Fact]
    public void Asking_for_more_than_the_set_gives_the_whole_set_in_order()
    {
        using var subset = _mnist.Test.EvenlySpaced(1_000_000);

        Assert.Equal(_mnist.Test.Labels.data<long>().ToArray(), subset.Labels.data<long>().ToArray());
    }
}
