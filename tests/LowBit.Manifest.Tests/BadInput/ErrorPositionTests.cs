using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Errors the JSON reader finds itself carry the 1-based line and character column it knows.</summary>
public sealed class ErrorPositionTests : ManifestFileTest
{
    [Fact]
    public void Syntax_error_is_at_the_offending_token_counting_characters_not_bytes()
    {
        // "é" is two bytes in UTF-8: the stray token is the 15th character of line 2, its 16th byte.
        var error = FileFails("{\n  \"name\": \"é\" \"x\"\n}", "$", "expected valid JSON, found a syntax error at line 2, column 15");

        Assert.Equal(new TextPosition(2, 15), error.Position);
    }

    [Fact]
    public void Truncation_is_at_the_end_of_the_content()
    {
        var error = FileFails("{\n  \"format\": \"lowbit\",\n  \"layers\": [\n\n", "$", "found the end of the file at line 3, column 14");

        Assert.Equal(new TextPosition(3, 14), error.Position);
        Assert.Equal(ManifestErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public void Invalid_byte_is_at_its_place()
    {
        var error = ReadFails(WriteFile(new byte[] { (byte)'{', (byte)'\n', (byte)' ', (byte)'"', 0xFF, (byte)'"', (byte)'}' }), "$", "found the invalid byte 0xFF at line 2, column 3");

        Assert.Equal(new TextPosition(2, 3), error.Position);
    }

    [Fact]
    public void Errors_found_by_path_have_no_text_position()
    {
        var error = FileFails("{\"name\": \"package\"}", "$.format", "expected member \"format\"");

        Assert.Null(error.Position);
    }
}
