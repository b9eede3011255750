using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Collects errors for one file, stopping at a cap so one root cause cannot flood the output.</summary>
internal sealed class ValidationContext
{
    public const int MaxErrors = 20;

    private readonly List<ManifestError> _errors = new();

    public ValidationContext(string filePath)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }

    public IReadOnlyList<ManifestError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string path, string message, ManifestErrorKind kind = ManifestErrorKind.Invalid)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ManifestError(FilePath, path, message, kind));
        }
    }

    /// <summary>Records an error when <paramref name="condition"/> is false; returns the condition.</summary>
    public bool Check(bool condition, string path, string message, ManifestErrorKind kind = ManifestErrorKind.Invalid)
    {
        if (!condition)
        {
            Add(path, message, kind);
        }

        return condition;
    }
}
