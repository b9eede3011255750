using System;
using System.IO;

namespace LowBit.Data.Tests;

public class MalformedIdxTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _imagesPath;
    private readonly string _labelsPath;

    public MalformedIdxTests()
    {
        _imagesPath = _dir.File("images-idx3-ubyte");
        _labelsPath = _dir.File("labels-idx1-ubyte");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Wrong_magic_number_names_images_file_and_field()
    {
        byte[] images = ValidImages(2);
        images[0] = 0x12;
        images[1] = 0x34;

        DatasetFormatException error = Load(images, ValidLabels(2));

        AssertNames(error, _imagesPath, "magic number");
        Assert.StartsWith("0x00000803", error.Expected);
        Assert.Equal("0x12340803", error.Found);
    }

    [Fact]
    public void Non_byte_data_type_is_a_wrong_magic_number()
    {
        byte[] images = ValidImages(2);
        images[2] = 0x0D; // IDX code for 32-bit float data

        DatasetFormatException error = Load(images, ValidLabels(2));

        AssertNames(error, _imagesPath, "magic number");
        Assert.Equal("0x00000D03", error.Found);
    }

    [Fact]
    public void Labels_file_given_as_images_reports_dimension_count()
    {
        DatasetFormatException error = Load(ValidLabels(2), ValidLabels(2));

        AssertNames(error, _imagesPath, "dimension count");
        Assert.Equal("3", error.Expected);
        Assert.Equal("1", error.Found);
    }

    [Fact]
    public void File_shorter_than_magic_number_is_reported()
    {
        DatasetFormatException error = Load(new byte[] { 0, 0 }, ValidLabels(2));

        AssertNames(error, _imagesPath, "magic number");
        Assert.Contains("only 2 bytes", error.Found);
    }

    [Fact]
    public void Truncated_header_names_the_missing_dimension()
    {
        byte[] images = ValidImages(2).AsSpan(0, 10).ToArray();

        DatasetFormatException error = Load(images, ValidLabels(2));

        AssertNames(error, _imagesPath, "row count");
        Assert.Contains("end of file after 10 bytes", error.Found);
    }

    [Fact]
    public void Truncated_pixel_data_reports_expected_and_found_byte_counts()
    {
        byte[] images = ValidImages(2);
        images = images.AsSpan(0, images.Length - 100).ToArray();

        DatasetFormatException error = Load(images, ValidLabels(2));

        AssertNames(error, _imagesPath, "pixel data");
        Assert.StartsWith("1568 bytes", error.Expected);
        Assert.Contains("2 images × 28 rows × 28 columns", error.Expected);
        Assert.Equal("1468 bytes; the file is truncated", error.Found);
    }

    [Fact]
    public void Trailing_bytes_after_pixel_data_are_reported()
    {
        byte[] images = ValidImages(2);
        Array.Resize(ref images, images.Length + 1);

        DatasetFormatException error = Load(images, ValidLabels(2));

        AssertNames(error, _imagesPath, "pixel data");
        Assert.Equal("1569 bytes; the file has trailing bytes", error.Found);
    }

    [Fact]
    public void Truncated_gzip_file_is_reported_not_thrown_from_deep_inside()
    {
        byte[] gzipped = IdxTestFiles.Gzip(ValidImages(50));
        byte[] truncated = gzipped.AsSpan(0, gzipped.Length / 2).ToArray();

        DatasetFormatException error = Load(truncated, ValidLabels(50));

        // GZipStream ends quietly at a cut-off stream, so the shortfall surfaces as missing pixel data.
        AssertNames(error, _imagesPath, "pixel data");
        Assert.StartsWith("39200 bytes", error.Expected);
        Assert.EndsWith("bytes; the file is truncated", error.Found);
    }

    [Fact]
    public void Corrupt_gzip_body_names_the_gzip_stream()
    {
        byte[] gzipped = IdxTestFiles.Gzip(ValidImages(2));
        gzipped.AsSpan(10, gzipped.Length - 10).Fill(0xFF);

        DatasetFormatException error = Load(gzipped, ValidLabels(2));

        AssertNames(error, _imagesPath, "gzip stream");
    }

    [Fact]
    public void Image_and_label_count_mismatch_names_labels_file_and_image_count()
    {
        DatasetFormatException error = Load(ValidImages(3), ValidLabels(2));

        AssertNames(error, _labelsPath, "label count");
        Assert.Equal($"3 (the image count in {_imagesPath})", error.Expected);
        Assert.Equal("2", error.Found);
    }

    [Fact]
    public void Truncated_label_data_is_reported()
    {
        byte[] labels = ValidLabels(3);
        labels = labels.AsSpan(0, labels.Length - 1).ToArray();

        DatasetFormatException error = Load(ValidImages(3), labels);

        AssertNames(error, _labelsPath, "label data");
        Assert.Equal("2 bytes; the file is truncated", error.Found);
    }

    [Theory]
    [InlineData(27, 28, "row count", "27")]
    [InlineData(28, 32, "column count", "32")]
    public void Images_that_are_not_28_by_28_are_rejected_with_their_size(int rows, int columns, string field, string found)
    {
        byte[] images = IdxTestFiles.Images(1, rows, columns, new byte[rows * columns]);

        DatasetFormatException error = Load(images, ValidLabels(1));

        AssertNames(error, _imagesPath, field);
        Assert.Equal("28", error.Expected);
        Assert.Equal(found, error.Found);
    }

    [Fact]
    public void Label_above_nine_names_the_sample()
    {
        DatasetFormatException error = Load(ValidImages(3), IdxTestFiles.Labels(new byte[] { 1, 9, 10 }));

        AssertNames(error, _labelsPath, "label value of sample 2");
        Assert.Equal("0..9", error.Expected);
        Assert.Equal("10", error.Found);
    }

    [Fact]
    public void Message_reads_file_field_expected_found()
    {
        DatasetFormatException error = Load(ValidImages(3), ValidLabels(2));

        Assert.Equal($"{_labelsPath}: label count: expected 3 (the image count in {_imagesPath}), found 2.", error.Message);
    }

    private static byte[] ValidImages(int count) => IdxTestFiles.Images(count, 28, 28, IdxTestFiles.PatternPixels(count, 784));

    private static byte[] ValidLabels(int count) => IdxTestFiles.Labels(new byte[count]);

    private DatasetFormatException Load(byte[] images, byte[] labels)
    {
        File.WriteAllBytes(_imagesPath, images);
        File.WriteAllBytes(_labelsPath, labels);
        return Assert.Throws<DatasetFormatException>(() => MnistDataset.LoadIdx(_imagesPath, _labelsPath));
    }

    private static void AssertNames(DatasetFormatException error, string path, string field)
    {
        Assert.Equal(path, error.FileName);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{path}: {field}: expected ", error.Message);
    }
}
