using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LowBit.Generators.Tests;

/// <summary>
/// The README's pattern for using models across assemblies: ILowBitModel is internal to each assembly (each
/// gets its own copy with its own kernels), so a public API declares its own interface and adds it to the
/// generated class with a partial declaration, whose public members implement it.
/// </summary>
public sealed class CrossAssemblyModelTests
{
    private const string Library = """
        using System;

        namespace TestApp
        {
            public interface IDigitModel
            {
                void Predict(ReadOnlySpan<float> input, Span<float> output);

                int Classify(ReadOnlySpan<float> input);
            }

            public sealed partial class TinyCnnW2a2 : IDigitModel
            {
            }

            public static class DigitReader
            {
                public static int Read(IDigitModel model, float[] pixels) => model.Classify(pixels);
            }
        }
        """;

    private const string App = """
        namespace OtherApp;

        public static class Program
        {
            public static int Main() => TestApp.DigitReader.Read(new TestApp.TinyCnnW2a2(), new float[TestApp.TinyCnnW2a2.InputLength]);
        }
        """;

    [Fact]
    public void A_public_interface_added_by_a_partial_class_is_usable_from_another_assembly()
    {
        var library = new GeneratorHarness(new[] { ModelItem.LowBitModel(ModelTexts.Directory + "tiny_cnn_w2a2.lbq", ModelTexts.TinyCnn) }, new[] { Library }).Run();
        library.AssertCleanCompilation();
        using var image = new MemoryStream();
        var emitted = library.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));

        var app = GeneratorHarness.CreateCompilation(new[] { App })
            .WithAssemblyName("OtherApp")
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void The_generated_interface_itself_stays_internal()
    {
        var run = new GeneratorHarness(new[] { ModelItem.LowBitModel(ModelTexts.Directory + "tiny_cnn_w2a2.lbq", ModelTexts.TinyCnn) }, new[] { "public static class Helper { public static void Use(LowBit.Generated.ILowBitModel model) { } }" }).Run();

        Assert.Equal(new[] { "CS0051" }, run.CompilationProblems.Select(d => d.Id));
    }
}
