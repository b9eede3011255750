namespace LowBit.Generators.Tests.Incremental;

/// <summary>The two models of the incremental tests.</summary>
internal static class IncrementalModels
{
    public const string WorkedPath = ModelTexts.Directory + "worked_example.lbq";
    public const string TinyPath = ModelTexts.Directory + "tiny_cnn_w2a2.lbq";

    public static ModelItem Worked() => ModelItem.LowBitModel(WorkedPath, ModelTexts.Example("worked_example.lbq"));

    public static ModelItem Tiny(string? text = null) => ModelItem.LowBitModel(TinyPath, text ?? ModelTexts.TinyCnn);

    public static ModelItem[] Both() => new[] { Worked(), Tiny() };
}
