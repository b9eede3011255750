using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LowBit.Generators;

/// <summary>Class and namespace names for generated models: derived from the file name unless the item says otherwise.</summary>
internal static class ModelNaming
{
    public const string DefaultNamespace = "LowBit.Models";

    /// <summary><c>mnist_w2a2.lbq</c> → <c>MnistW2a2</c>; a leading digit gets a <c>Model</c> prefix.</summary>
    public static string ClassNameFromPath(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var name = new StringBuilder();
        bool upperNext = true;
        foreach (char c in stem)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name.Insert(0, "Model");
        }

        return name.ToString();
    }

    public static bool IsValidIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    public static bool IsValidNamespace(string name) =>
        name.Length > 0 && name.Split('.').All(IsValidIdentifier);
}
