using System;
using System.Globalization;
using System.Linq;
using LowBit.BitExact;
using LowBit.Runtime;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// Random-model fuzzing of the generator: models the catalog does not hold (<see cref="RandomModels"/>) must
/// compile and give the reference interpreter's outputs bit for bit on this CPU's default kernel path. Each
/// run draws a new base seed, so the runs together cover more than any fixed list; the failure message
/// names the seed, and <c>LOWBIT_RANDOM_MODEL_SEED=&lt;seed&gt;</c> replays that run exactly.
/// </summary>
[Trait("Category", "BitExact")]
public sealed class RandomModelBitExactTests
{
    public const string SeedVariable = "LOWBIT_RANDOM_MODEL_SEED";

    private const int ModelsPerRun = 100;
    private const int SamplesPerModel = 8;

    [Fact]
    public void Random_models_compile_and_equal_the_interpreter_bit_for_bit()
    {
        int baseSeed = BaseSeed();
        var replay = $"base seed {baseSeed} (replay: {SeedVariable}={baseSeed})";
        var models = Enumerable.Range(0, ModelsPerRun).Select(i => CreateOrFail(unchecked(baseSeed + i), replay)).ToList();

        using var loaded = CompileOrFail(models, replay);
        foreach (var model in models)
        {
            var reference = new ReferenceInterpreter(model.Manifest);
            var predict = loaded.Predictors[model.Name];
            var sampler = new InputSampler(model.Manifest.Input.Levels, ModelCatalog.StableSeed(model.Name));
            var input = new float[reference.InputLength];
            var expected = new float[reference.OutputLength];
            var actual = new float[reference.OutputLength];
            for (int sample = 0; sample < SamplesPerModel; sample++)
            {
                sampler.Fill(input, sample);
                reference.Predict(input, expected);
                predict(input, actual);
                int index = Enumerable.Range(0, expected.Length).FirstOrDefault(i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]), -1);
                Assert.True(
                    index < 0,
                    $"{replay}: model {model.Name} ({Describe(model)}), sample {sample}, output {index}: generated {(index < 0 ? 0 : actual[index]):R}, reference {(index < 0 ? 0 : expected[index]):R}");
            }
        }
    }

    private static TestModel CreateOrFail(int seed, string replay)
    {
        try
        {
            return RandomModels.Create(seed);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{replay}: model seed {seed} is not a valid model: {e}");
        }
    }

    private static LoadedModels CompileOrFail(System.Collections.Generic.IReadOnlyList<TestModel> models, string replay)
    {
        try
        {
            return LoadedModels.Compile(models.Select(m => m.Manifest));
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{replay}: the generated code of the random models did not compile and load:{Environment.NewLine}{e.Message}");
        }
    }

    private static string Describe(TestModel model) =>
        $"input {model.Manifest.Input.Shape} {model.Manifest.Input.Levels}; " + string.Join(", ", model.Manifest.Layers.Select(l => $"{l.Id} {l.OutputShape}"));

    private static int BaseSeed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
}
