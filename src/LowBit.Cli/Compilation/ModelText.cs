using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LowBit.Cli.Compilation;

/// <summary>A model file's text as the compiler's additional file.</summary>
internal sealed class ModelText : AdditionalText
{
    private readonly SourceText _text;

    public ModelText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
