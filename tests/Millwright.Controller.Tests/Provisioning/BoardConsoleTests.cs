using System.Reflection;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>`provision --board`: the console's baud rate and framing from a board file or a board's name, through the boards' own loader.</summary>
public sealed class BoardConsoleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mw-boards-").FullName;

    private static string Boards => Path.Combine(
        typeof(BoardConsoleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!, "hardware", "boards");

    [Fact]
    public void A_name_is_found_among_the_board_files_shipped_with_the_tool()
    {
        BoardConsole board = BoardConsole.Find("esp32-devkitc", [Path.Combine(AppContext.BaseDirectory, "boards")]);

        Assert.Equal(("esp32-devkitc", 115200, "8N1"), (board.BoardName, board.BaudRate, board.Framing));
    }

    [Fact]
    public void A_path_is_loaded_as_it_is_and_its_baud_rate_and_framing_used()
    {
        string path = Path.Combine(_directory, "slow.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Boards, "virtual.json"))
            .Replace("\"baudRate\": 115200, \"framing\": \"8N1\"", "\"baudRate\": 57600, \"framing\": \"8E2\"", StringComparison.Ordinal));

        BoardConsole board = BoardConsole.Find(path, []);

        Assert.Equal((57600, "8E2"), (board.BaudRate, board.Framing));
    }

    [Fact]
    public void An_unknown_name_lists_the_boards_there_are()
    {
        var failure = Assert.Throws<ProvisioningException>(() => BoardConsole.Find("esp32-c3", [Boards, _directory]));

        Assert.Equal("no board file 'esp32-c3' and no board of that name", failure.Message);
        Assert.Equal("known boards: esp32-devkitc, esp32-s3-devkitc, virtual; or pass a board file's path", failure.Advice);
    }

    [Fact]
    public void A_board_file_that_breaks_the_rules_is_refused_with_the_rule()
    {
        string path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Boards, "esp32-devkitc.json")).Replace("\"txPin\": 17", "\"txPin\": 6", StringComparison.Ordinal));

        var failure = Assert.Throws<ProvisioningException>(() => BoardConsole.Find(path, []));

        Assert.StartsWith($"the board file {path} is rejected: ", failure.Message);
        Assert.Contains("6", failure.Message[path.Length..]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
