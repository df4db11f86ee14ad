using System.Text;
using Millwright.Hardware.Boards.Generation;

namespace Millwright.Hardware.Boards.Tests.Generation;

/// <summary>The committed ESP32 board code never drifts from the board files.</summary>
public sealed class GeneratedCodeTests
{
    private const string Regenerate = "regenerate with: dotnet run --project hardware/Millwright.Hardware.Boards.Tool -- generate";

    [Fact]
    public void Committed_generated_code_is_byte_identical_to_a_fresh_generation()
    {
        var rendered = BoardCodeSet.Render(TestPaths.RepositoryRoot);

        Assert.Equal(
            ["firmware/Millwright.Firmware.Esp32/Boards/Esp32DevKitC.g.cs", "firmware/Millwright.Firmware.Esp32/Boards/Esp32S3DevKitC.g.cs"],
            rendered.Select(file => file.RelativePath));
        foreach (var file in rendered)
        {
            var path = Path.Combine(TestPaths.RepositoryRoot, file.RelativePath);
            Assert.True(File.Exists(path), $"{file.RelativePath} is missing: {Regenerate}");
            Assert.True(
                File.ReadAllBytes(path).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(file.Text)),
                $"{file.RelativePath} differs from what its board file generates: {Regenerate}");
        }
    }

    [Fact]
    public void No_generated_file_is_left_without_its_board_file()
    {
        Assert.Empty(BoardCodeSet.StaleFiles(TestPaths.RepositoryRoot, BoardCodeSet.Render(TestPaths.RepositoryRoot)));
    }

    [Fact]
    public void Generation_is_deterministic_and_uses_lf_line_endings()
    {
        var first = BoardCodeSet.Render(TestPaths.RepositoryRoot);
        var second = BoardCodeSet.Render(TestPaths.RepositoryRoot);

        Assert.Equal(first, second);
        Assert.All(first, file => Assert.DoesNotContain('\r', file.Text));
        Assert.All(first, file => Assert.EndsWith("}\n", file.Text, StringComparison.Ordinal));
    }
}
