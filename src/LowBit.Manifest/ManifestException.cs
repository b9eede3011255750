using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Manifest;

/// <summary>A manifest could not be read or is not a valid model. <see cref="Errors"/> holds every problem found.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(IReadOnlyList<ManifestError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ManifestException(ManifestError error)
        : this(new[] { error })
    {
    }

    public IReadOnlyList<ManifestError> Errors { get; }

    /// <summary>The first problem; most callers show just this one line.</summary>
    public ManifestError First => Errors[0];

    private static string Describe(IReadOnlyList<ManifestError> errors)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        return errors.Count == 1
            ? errors[0].ToString()
            : string.Join("\n", errors.Select(e => e.ToString()));
    }
}
