using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.RoundTrip;

/// <summary>Write → read → compare, and write again to check the text is stable.</summary>
internal static class RoundTrip
{
    public static ModelManifest Check(ModelManifest model)
    {
        var json = ManifestWriter.ToJson(model);
        var read = ManifestReader.ReadText(json, "round-trip.lbq");
        ManifestAssert.Equal(model, read);
        Assert.Equal(json, ManifestWriter.ToJson(read));
        return read;
    }
}
