using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using LowBit.Manifest;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit seal &lt;file.lbq&gt;</c>: after a deliberate hand edit, recomputes the checksum and writes
/// it into the file (keeping its layout). The sealed content is validated first; an invalid manifest
/// is reported and the file is left unchanged.
/// </summary>
public static class SealCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The manifest (.lbq) to seal in place." };
        var command = new Command("seal", "Recompute a manifest's checksum after a deliberate edit, then validate it.")
        {
            file,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(file)!));
        return command;
    }

    public static int Run(CliContext context, string path)
    {
        byte[] original;
        byte[] sealedBytes;
        try
        {
            original = ManifestReader.ReadFileBytes(path);
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }

        try
        {
            sealedBytes = ManifestWriter.Seal(original);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not JSON, or not an object: the reader says where, as inspect does (1-based line and column).
            return context.Fail(NotSealable(original, path) + " (not sealed; the file was not changed)");
        }

        ModelManifest manifest;
        try
        {
            manifest = ManifestReader.ReadBytes(sealedBytes, path);
        }
        catch (ManifestException e)
        {
            return context.Fail(e.First + " (not sealed; the file was not changed)");
        }

        string checksum = ReadChecksum(sealedBytes);
        if (original.AsSpan().SequenceEqual(sealedBytes))
        {
            context.Output.WriteLine($"{path}: checksum already up to date ({checksum}); model {manifest.Name}, {manifest.Layers.Count} layers, valid");
            return ExitCodes.Success;
        }

        try
        {
            WriteReplacing(path, sealedBytes);
            manifest = ManifestReader.ReadFile(path);
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"{path}: $: cannot write the file: {IoProblems.Describe(e)}");
        }

        context.Output.WriteLine($"{path}: sealed with {checksum}; model {manifest.Name}, {manifest.Layers.Count} layers, valid");
        return ExitCodes.Success;
    }

    private static string NotSealable(byte[] original, string path)
    {
        try
        {
            ManifestReader.ReadBytes(original, path);
        }
        catch (ManifestException e)
        {
            return e.First.ToString();
        }

        return $"{path}: $: expected a JSON object, found text that cannot be sealed";
    }

    private static string ReadChecksum(byte[] utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return document.RootElement.GetProperty("checksum").GetString() ?? string.Empty;
    }

    // Write a sibling file and move it over the original, so an interrupted write cannot truncate the manifest.
    private static void WriteReplacing(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".sealing");
        File.WriteAllBytes(temporary, bytes);
        try
        {
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
