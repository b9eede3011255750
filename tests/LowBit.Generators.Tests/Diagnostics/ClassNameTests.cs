namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0004: the class a model would generate has an invalid name or is already declared by the user.</summary>
public sealed class ClassNameTests
{
    private const string ModelPath = ModelTexts.Directory + "digits.lbq";

    [Theory]
    [InlineData("2Bad")]
    [InlineData("class")]
    [InlineData("Has Space")]
    public void Invalid_ClassName_metadata_is_LBQ0004_and_generates_nothing(string className)
    {
        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, className, "MyApp"));

        DiagnosticAssert.IsError(run.SingleDiagnostic(), "LBQ0004", ModelPath, $"'{className}' is not a valid C# identifier", "ClassName");
        Assert.Empty(run.ModelHintNames);
        Assert.DoesNotContain(GeneratorRun.RegistryHintName, run.Sources.Keys);
    }

    [Fact]
    public void Invalid_Namespace_metadata_is_LBQ0004()
    {
        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, "Digits", "MyApp.1st"));

        DiagnosticAssert.IsError(run.SingleDiagnostic(), "LBQ0004", ModelPath, "'MyApp.1st.Digits'", "not a valid C# namespace");
        Assert.Empty(run.ModelHintNames);
    }

    [Theory]
    [InlineData("LowBit.Generated", "LowBitModels")]
    [InlineData("LowBit.Generated", "ILowBitModel")]
    [InlineData("LowBit.Generated", "LowBitLayerKernels")]
    [InlineData("lowbit.generated", "lowbitdotkernels")]
    public void Name_of_a_type_LowBit_generates_itself_is_LBQ0004(string @namespace, string className)
    {
        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, className, @namespace));

        Assert.Null(run.Result.Exception);
        DiagnosticAssert.IsError(run.SingleDiagnostic(), "LBQ0004", ModelPath, $"'{@namespace}.{className}' is the name of a type LowBit generates");
        Assert.DoesNotContain(GeneratorRun.RegistryHintName, run.Sources.Keys);
    }

    [Fact]
    public void User_class_that_is_not_partial_is_LBQ0004_in_the_model_file()
    {
        var harness = new GeneratorHarness(
            new[] { ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, "Digits", "MyApp") },
            new[] { "namespace MyApp { public class Digits { } }" });

        var run = harness.Run();

        DiagnosticAssert.IsError(run.SingleDiagnostic(), "LBQ0004", ModelPath, "'MyApp.Digits' is already declared in User0.cs", "partial class");
    }

    [Fact]
    public void User_struct_of_the_same_name_is_LBQ0004_even_when_partial()
    {
        var harness = new GeneratorHarness(
            new[] { ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, "Digits", "MyApp") },
            new[] { "namespace MyApp { public partial struct Digits { } }" });

        DiagnosticAssert.IsError(harness.Run().SingleDiagnostic(), "LBQ0004", ModelPath, "'MyApp.Digits' is already declared");
    }

    [Fact]
    public void User_partial_class_extends_the_model_without_diagnostics()
    {
        const string extension = """
            namespace MyApp
            {
                public partial class Digits
                {
                    public int Top(System.ReadOnlySpan<float> image) => Classify(image);
                }
            }
            """;
        var harness = new GeneratorHarness(new[] { ModelItem.LowBitModel(ModelPath, ModelTexts.TinyCnn, "Digits", "MyApp") }, new[] { extension });

        var run = harness.Run();

        run.AssertCleanCompilation();
        Assert.Contains("MyApp.Digits.g.cs", run.Sources.Keys);
    }
}
