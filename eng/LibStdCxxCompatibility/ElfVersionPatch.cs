#nullable enable
// Compiled twice: by MSBuild's RoslynCodeTaskFactory (Directory.Build.targets) as a build task, and into
// tests/LowBit.Quantization.Tests, which checks the ELF logic on the real TorchSharp library.
//
// Why this exists: TorchSharp 0.107.0's libLibTorchSharp.so was linked by GCC 13 and so requires
// GLIBCXX_3.4.32; Debian 12 ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30) and the loader refuses the
// library. The only symbol behind that requirement is std::ios_base_library_init(), which GCC 13
// references without calling (it marks "this object uses iostreams"). Marking that one version
// requirement weak (VER_FLG_WEAK) lets the loader accept the library; nothing else changes.
// The patch is applied only to the copy in a build or publish output, never to the NuGet cache, only
// when the system libstdc++ lacks the version, and only when every symbol bound to that version is one
// we know is never called — otherwise the build fails with a message saying what is missing.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LowBit.Build
{
    public sealed class WeakenUnusedLibStdCxxVersions : Task
    {
        /// <summary>Build or publish output folder; every libLibTorchSharp.so below it is checked.</summary>
        [Required]
        public string Directory { get; set; } = "";

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return true;
            }

            foreach (var library in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                var outcome = ElfVersionPatch.Apply(library, SystemLibStdCxx.DefinedVersionsFor);
                switch (outcome.Kind)
                {
                    case PatchOutcomeKind.Patched:
                        Log.LogMessage(MessageImportance.High, "LowBit: {0}: marked {1} weak (system libstdc++ lacks it; only unused marker symbols bind to it)", library, string.Join(", ", outcome.Versions));
                        break;
                    case PatchOutcomeKind.Refused:
                        Log.LogError("LowBit: {0}: {1}", library, outcome.Message);
                        break;
                    default:
                        Log.LogMessage(MessageImportance.Low, "LowBit: {0}: {1}", library, outcome.Message);
                        break;
                }
            }

            return !Log.HasLoggedErrors;
        }
    }

    public enum PatchOutcomeKind { NotNeeded, AlreadyPatched, Patched, Refused }

    public sealed class PatchOutcome
    {
        public PatchOutcome(PatchOutcomeKind kind, string message, IReadOnlyList<string> versions)
        {
            Kind = kind;
            Message = message;
            Versions = versions;
        }

        public PatchOutcomeKind Kind { get; }
        public string Message { get; }
        public IReadOnlyList<string> Versions { get; }
    }

    /// <summary>One vernaux entry of .gnu.version_r: a version the library needs from a dependency.</summary>
    public sealed class VersionRequirement
    {
        public VersionRequirement(string file, string version, int flagsOffset, ushort flags, ushort index)
        {
            File = file;
            Version = version;
            FlagsOffset = flagsOffset;
            Flags = flags;
            Index = index;
        }

        public string File { get; }
        public string Version { get; }
        public int FlagsOffset { get; }
        public ushort Flags { get; }
        public ushort Index { get; }
        public bool IsWeak => (Flags & ElfVersionPatch.VersionFlagWeak) != 0;
    }

    public static class ElfVersionPatch
    {
        public const ushort VersionFlagWeak = 0x2;
        private const string LibStdCxx = "libstdc++.so.6";

        /// <summary>Mangled names GCC 13 references only as markers; no code path calls them.</summary>
        public static readonly IReadOnlyCollection<string> NeverCalledSymbols = new[] { "_ZSt21ios_base_library_initv" };

        /// <param name="definedVersionsFor">The versions the system libstdc++ defines for an ELF machine
        /// number, or null when no system libstdc++ for that machine is found.</param>
        public static PatchOutcome Apply(string path, Func<ushort, ISet<string>?> definedVersionsFor)
        {
            var image = File.ReadAllBytes(path);
            var elf = new ElfImage(image);
            var defined = definedVersionsFor(elf.Machine);
            if (defined == null)
            {
                return new PatchOutcome(PatchOutcomeKind.NotNeeded, "no system libstdc++ found for this machine type; left unchanged", Array.Empty<string>());
            }

            var missing = elf.ReadRequirements().Where(r => r.File == LibStdCxx && !defined.Contains(r.Version)).ToList();
            if (missing.Count == 0)
            {
                return new PatchOutcome(PatchOutcomeKind.NotNeeded, "the system libstdc++ has every version it needs", Array.Empty<string>());
            }

            var toWeaken = missing.Where(r => !r.IsWeak).ToList();
            if (toWeaken.Count == 0)
            {
                return new PatchOutcome(PatchOutcomeKind.AlreadyPatched, "already patched", missing.Select(r => r.Version).ToList());
            }

            foreach (var requirement in toWeaken)
            {
                var used = elf.SymbolsBoundTo(requirement.Index).Where(s => !NeverCalledSymbols.Contains(s)).ToList();
                if (used.Count > 0)
                {
                    return new PatchOutcome(
                        PatchOutcomeKind.Refused,
                        $"needs {requirement.Version} from {LibStdCxx} for {string.Join(", ", used)}, which the system libstdc++ lacks; install a libstdc++ from GCC 13 or newer",
                        new[] { requirement.Version });
                }

                var flags = (ushort)(requirement.Flags | VersionFlagWeak);
                image[requirement.FlagsOffset] = (byte)flags;
                image[requirement.FlagsOffset + 1] = (byte)(flags >> 8);
            }

            ReplaceFile(path, image);
            return new PatchOutcome(PatchOutcomeKind.Patched, "patched", toWeaken.Select(r => r.Version).ToList());
        }

        /// <summary>Write beside and rename over, so a hard link to a shared copy (the NuGet cache) is
        /// never modified in place; the timestamp is kept so incremental copies see no change.</summary>
        private static void ReplaceFile(string path, byte[] image)
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            var temporary = path + ".lowbit-patch";
            File.WriteAllBytes(temporary, image);
            File.SetLastWriteTimeUtc(temporary, stamp);
            File.Delete(path);
            File.Move(temporary, path);
        }
    }

    /// <summary>Finds the libstdc++ the dynamic loader would use, per ELF machine, in Debian's multiarch
    /// folders and the usual fallbacks.</summary>
    public static class SystemLibStdCxx
    {
        private const ushort MachineX86_64 = 62;
        private const ushort MachineAarch64 = 183;

        public static ISet<string>? DefinedVersionsFor(ushort machine)
        {
            var folders = machine switch
            {
                MachineX86_64 => new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64" },
                MachineAarch64 => new[] { "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64" },
                _ => Array.Empty<string>(),
            };

            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, "libstdc++.so.6");
                if (File.Exists(candidate))
                {
                    var elf = new ElfImage(File.ReadAllBytes(candidate));
                    if (elf.Machine == machine)
                    {
                        return new HashSet<string>(elf.ReadDefinedVersions(), StringComparer.Ordinal);
                    }
                }
            }

            return null;
        }
    }

    /// <summary>The few parts of a little-endian ELF64 shared object this patch reads (System V gABI and
    /// the GNU symbol-versioning extension: .gnu.version_r, .gnu.version_d, .gnu.version, .dynsym).</summary>
    public sealed class ElfImage
    {
        private const uint SectionDynamicSymbols = 11;
        private const uint SectionVersionDefinitions = 0x6ffffffd;
        private const uint SectionVersionRequirements = 0x6ffffffe;
        private const uint SectionVersionSymbols = 0x6fffffff;

        private readonly byte[] _image;

        public ElfImage(byte[] image)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file (magic 7F 45 4C 46 expected)");
            }

            if (image[4] != 2 || image[5] != 1)
            {
                throw new InvalidDataException("only little-endian 64-bit ELF is supported");
            }

            _image = image;
            Machine = U16(18);
        }

        public ushort Machine { get; }

        public IReadOnlyList<VersionRequirement> ReadRequirements()
        {
            var result = new List<VersionRequirement>();
            var section = FindSection(SectionVersionRequirements);
            if (section == null)
            {
                return result;
            }

            var strings = SectionHeader(section.Value.Link);
            var entry = (int)section.Value.Offset;
            for (var i = 0; i < section.Value.Info; i++)
            {
                var file = ReadString(strings.Offset, U32(entry + 4));
                var auxiliary = entry + (int)U32(entry + 8);
                for (var j = 0; j < U16(entry + 2); j++)
                {
                    result.Add(new VersionRequirement(file, ReadString(strings.Offset, U32(auxiliary + 8)), auxiliary + 4, U16(auxiliary + 4), U16(auxiliary + 6)));
                    auxiliary += (int)U32(auxiliary + 12);
                }

                entry += (int)U32(entry + 12);
            }

            return result;
        }

        public IReadOnlyList<string> ReadDefinedVersions()
        {
            var result = new List<string>();
            var section = FindSection(SectionVersionDefinitions);
            if (section == null)
            {
                return result;
            }

            var strings = SectionHeader(section.Value.Link);
            var entry = (int)section.Value.Offset;
            for (var i = 0; i < section.Value.Info; i++)
            {
                var auxiliary = entry + (int)U32(entry + 12);
                result.Add(ReadString(strings.Offset, U32(auxiliary)));
                entry += (int)U32(entry + 16);
            }

            return result;
        }

        /// <summary>Names of dynamic symbols whose version index (.gnu.version) is <paramref name="versionIndex"/>.</summary>
        public IReadOnlyList<string> SymbolsBoundTo(ushort versionIndex)
        {
            var result = new List<string>();
            var symbols = FindSection(SectionDynamicSymbols);
            var versions = FindSection(SectionVersionSymbols);
            if (symbols == null || versions == null)
            {
                return result;
            }

            var strings = SectionHeader(symbols.Value.Link);
            var count = (int)(symbols.Value.Size / 24);
            for (var i = 0; i < count; i++)
            {
                if ((U16((int)versions.Value.Offset + (2 * i)) & 0x7fff) == versionIndex)
                {
                    result.Add(ReadString(strings.Offset, U32((int)symbols.Value.Offset + (24 * i))));
                }
            }

            return result;
        }

        private (ulong Offset, ulong Size, uint Link, uint Info)? FindSection(uint type)
        {
            var count = U16(60);
            for (uint i = 0; i < count; i++)
            {
                var header = SectionHeaderOffset(i);
                if (U32(header + 4) == type)
                {
                    return SectionHeader(i);
                }
            }

            return null;
        }

        private (ulong Offset, ulong Size, uint Link, uint Info) SectionHeader(uint index)
        {
            var header = SectionHeaderOffset(index);
            return (U64(header + 24), U64(header + 32), U32(header + 40), U32(header + 44));
        }

        private int SectionHeaderOffset(uint index) => checked((int)U64(40) + ((int)index * U16(58)));

        private string ReadString(ulong tableOffset, uint offset)
        {
            var start = checked((int)(tableOffset + offset));
            var end = Array.IndexOf(_image, (byte)0, start);
            return Encoding.ASCII.GetString(_image, start, end - start);
        }

        private ushort U16(int offset) => BitConverter.ToUInt16(_image, offset);

        private uint U32(int offset) => BitConverter.ToUInt32(_image, offset);

        private ulong U64(int offset) => BitConverter.ToUInt64(_image, offset);
    }
}
