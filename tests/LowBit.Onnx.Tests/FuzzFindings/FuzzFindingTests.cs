using LowBit.Onnx.Import;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests.FuzzFindings;

/// <summary>
/// Inputs afl-fuzz found (eng/fuzz/run.sh, harness "onnx"; docs/fuzzing.md) that made the reader throw
/// something other than <see cref="OnnxImportException"/>. Each file is the crashing input as saved; each
/// must now be refused in one line naming the file, the node (or the model) and what is wrong.
/// </summary>
public sealed class FuzzFindingTests
{
    [Theory]
    // The float evaluator's broadcasting threw ArgumentException for an Add of [1, 14, 49, 49] and [1, 14, 47, 47].
    [InlineData("add-shapes-do-not-broadcast.onnx", "node '", "(Add): shapes [1, 14, 49, 49] and [1, 14, 47, 47] do not broadcast")]
    // A pooling node with too few strides or pads indexed past them: IndexOutOfRangeException.
    [InlineData("pool-window-attribute-lengths.onnx", "node '", "expected four non-negative pads")]
    // Two opset_import entries for one domain: ToDictionary threw ArgumentException (duplicate key).
    [InlineData("opset-domain-imported-twice.onnx", "the model", "imports an opset of domain '' twice")]
    public void Found_input_is_refused_with_an_import_error(string file, string subject, string reason)
    {
        var bytes = System.IO.File.ReadAllBytes(RepositoryPaths.Combine("tests/LowBit.Onnx.Tests/FuzzFindings/" + file));

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(SourceGraph.Parse(bytes, file), new ImportOptions("fuzz")));

        Assert.StartsWith($"{file}: {subject}", error.Message);
        Assert.Contains(reason, error.Message);
    }
}
