using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.Build;
using LowBit.TestModels;

namespace LowBit.Quantization.Tests.LibStdCxx;

public sealed class ElfVersionPatchTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TheMarkerVersionIsRequiredOnlyByTheNeverCalledIostreamsMarker()
    {
        var elf = new ElfImage(File.ReadAllBytes(TorchSharpLibrary.InNuGetCache()));
        var requirement = Requirement(elf, TorchSharpLibrary.MarkerVersion);

        Assert.Equal("libstdc++.so.6", requirement.File);
        Assert.False(requirement.IsWeak);
        Assert.Equal(new[] { "_ZSt21ios_base_library_initv" }, elf.SymbolsBoundTo(requirement.Index));
    }

    [Fact]
    public void PatchingMarksOnlyTheMissingVersionWeakAndChangesOneFlagWord()
    {
        var original = File.ReadAllBytes(TorchSharpLibrary.InNuGetCache());
        var copy = CopyOfLibrary();

        var outcome = ElfVersionPatch.Apply(copy, _ => SystemWithout(TorchSharpLibrary.MarkerVersion));

        Assert.Equal(PatchOutcomeKind.Patched, outcome.Kind);
        Assert.Equal(new[] { TorchSharpLibrary.MarkerVersion }, outcome.Versions);
        var patched = File.ReadAllBytes(copy);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(changed);
        var requirements = new ElfImage(patched).ReadRequirements();
        Assert.True(requirements.Single(r => r.Version == TorchSharpLibrary.MarkerVersion).IsWeak);
        Assert.All(requirements.Where(r => r.Version != TorchSharpLibrary.MarkerVersion), r => Assert.False(r.IsWeak));
    }

    [Fact]
    public void PatchingTwiceReportsAlreadyPatchedAndLeavesTheFileAlone()
    {
        var copy = CopyOfLibrary();
        ElfVersionPatch.Apply(copy, _ => SystemWithout(TorchSharpLibrary.MarkerVersion));
        var once = File.ReadAllBytes(copy);

        var outcome = ElfVersionPatch.Apply(copy, _ => SystemWithout(TorchSharpLibrary.MarkerVersion));

        Assert.Equal(PatchOutcomeKind.AlreadyPatched, outcome.Kind);
        Assert.Equal(once, File.ReadAllBytes(copy));
    }

    [Fact]
    public void ASystemWithEveryVersionNeedsNoPatch()
    {
        var copy = CopyOfLibrary();
        var before = File.ReadAllBytes(copy);

        var outcome = ElfVersionPatch.Apply(copy, _ => SystemWithout());

        Assert.Equal(PatchOutcomeKind.NotNeeded, outcome.Kind);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void NoSystemLibStdCxxForTheMachineLeavesTheFileAlone()
    {
        var copy = CopyOfLibrary();
        var before = File.ReadAllBytes(copy);

        var outcome = ElfVersionPatch.Apply(copy, _ => null);

        Assert.Equal(PatchOutcomeKind.NotNeeded, outcome.Kind);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void AMissingVersionThatRealSymbolsNeedIsRefusedWithTheirNames()
    {
        var copy = CopyOfLibrary();
        var before = File.ReadAllBytes(copy);

        var outcome = ElfVersionPatch.Apply(copy, _ => SystemWithout("GLIBCXX_3.4.30", TorchSharpLibrary.MarkerVersion));

        Assert.Equal(PatchOutcomeKind.Refused, outcome.Kind);
        Assert.Contains("GLIBCXX_3.4.30", outcome.Message);
        Assert.Contains("install a libstdc++ from GCC 13", outcome.Message);
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void TheBuildOutputCopyIsPatchedExactlyWhenThisSystemNeedsIt()
    {
        var elf = new ElfImage(File.ReadAllBytes(TorchSharpLibrary.InBuildOutput()));
        var system = SystemLibStdCxx.DefinedVersionsFor(elf.Machine);
        Assert.NotNull(system);

        var marker = Requirement(elf, TorchSharpLibrary.MarkerVersion);

        Assert.Equal(!system!.Contains(TorchSharpLibrary.MarkerVersion), marker.IsWeak);
    }

    [Fact]
    public void TheNuGetCacheIsNeverPatched()
    {
        var elf = new ElfImage(File.ReadAllBytes(TorchSharpLibrary.InNuGetCache()));

        Assert.False(Requirement(elf, TorchSharpLibrary.MarkerVersion).IsWeak);
    }

    [Fact]
    public void NonElfInputIsRejectedClearly()
    {
        var error = Assert.Throws<InvalidDataException>(() => new ElfImage(new byte[100]));

        Assert.Contains("not an ELF file", error.Message);
    }

    private static VersionRequirement Requirement(ElfImage elf, string version) =>
        elf.ReadRequirements().Single(r => r.Version == version);

    private string CopyOfLibrary()
    {
        var copy = _directory.File(TorchSharpLibrary.FileName);
        File.Copy(TorchSharpLibrary.InNuGetCache(), copy, overwrite: true);
        return copy;
    }

    /// <summary>A system libstdc++ defining every version the library asks for, except the given ones.</summary>
    private static ISet<string> SystemWithout(params string[] missing)
    {
        var elf = new ElfImage(File.ReadAllBytes(TorchSharpLibrary.InNuGetCache()));
        return elf.ReadRequirements().Select(r => r.Version).Except(missing).ToHashSet();
    }
}
