using System;
using System.IO;
using System.Linq;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary>
/// Every command that reads a file, given each kind of bad file: one error line that names the file, exit
/// code 1, nothing on stdout, and none of the runtime's own wording (stack traces, "(Parameter 'x')",
/// exception names).
/// </summary>
public sealed class BadFileTests : IDisposable
{
    private static readonly string ValidModel = RepositoryPaths.Combine("examples/models/tiny_cnn_w2a2.lbq");

    private readonly TemporaryDirectory _directory = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "inspect", "seal", "export", "export-onnx", "eval", "eval-images" })
        {
            foreach (var kind in new[] { "missing", "directory", "empty", "random-binary", "truncated" })
            {
                data.Add(command, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_file_is_one_line_and_exit_code_1(string command, string kind)
    {
        var path = Create(kind, dataFile: command == "eval-images");
        var before = File.Exists(path) ? File.ReadAllBytes(path) : null;

        var result = CliRunner.Run(Arguments(command, path));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: ", line);
        Assert.DoesNotContain("Parameter", line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", result.Error); // a stack frame: "at Namespace.Type.Method("
        if (kind == "directory")
        {
            Assert.Contains("is a directory", line);
        }

        if (before is not null)
        {
            Assert.Equal(before, File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void Seal_of_broken_JSON_says_where_like_inspect()
    {
        var path = _directory.File("broken.lbq");
        File.WriteAllText(path, "{\n  \"format\": lowbit\n}");

        var seal = Assert.Single(CliRunner.Run("seal", path).ErrorLines);
        var inspect = Assert.Single(CliRunner.Run("inspect", path).ErrorLines);

        Assert.Equal($"error: {path}: $: expected valid JSON, found a syntax error at line 2, column 13: 'l' is an invalid start of a value. (not sealed; the file was not changed)", seal);
        Assert.Equal(inspect + " (not sealed; the file was not changed)", seal);
    }

    [Fact]
    public void Seal_of_a_file_with_an_invalid_byte_inside_a_string_says_where()
    {
        var path = _directory.File("invalid-byte.lbq");
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\n  \"name\": \"x\"\n}");
        bytes[13] = 0xFE;
        File.WriteAllBytes(path, bytes);

        var result = CliRunner.Run("seal", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {path}: $: expected UTF-8 text, found the invalid byte 0xFE at line 2, column 12: the file is corrupt or not a manifest (not sealed; the file was not changed)", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_bad_option_value_has_no_parameter_name()
    {
        var result = CliRunner.Run("train", "--method", "foo", "--epochs", "1");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("unknown quantization method \"foo\"", line);
        Assert.DoesNotContain("Parameter", line);
    }

    private static string[] Arguments(string command, string path) => command switch
    {
        "export-onnx" => new[] { "export", path, "--onnx" },
        "eval-images" => new[] { "eval", ValidModel, "--images", path, "--labels", path },
        _ => new[] { command, path },
    };

    /// <summary>A bad file of the given kind; for data files, "truncated" is a gzipped IDX file cut short.</summary>
    private string Create(string kind, bool dataFile)
    {
        var path = _directory.File(kind + (dataFile ? ".idx.gz" : ".lbq"));
        switch (kind)
        {
            case "missing":
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            case "random-binary":
                var bytes = new byte[4096];
                new Random(18).NextBytes(bytes);
                bytes[0] = 0x80; // never '{', whitespace or a gzip header: garbage of no known kind
                File.WriteAllBytes(path, bytes);
                break;
            case "truncated":
                var whole = File.ReadAllBytes(dataFile ? RepositoryPaths.Combine("src/LowBit.Data/Mnist/mnist-10k-images-idx3-ubyte.gz") : ValidModel);
                File.WriteAllBytes(path, whole.Take(whole.Length / 2).ToArray());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind of bad file");
        }

        return path;
    }

    public void Dispose() => _directory.Dispose();
}
