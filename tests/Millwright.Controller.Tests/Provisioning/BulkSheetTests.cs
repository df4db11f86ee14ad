using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>The commissioning sheet: empty cells take the command line's values, and a bad sheet is refused whole, naming line and column.</summary>
public sealed class BulkSheetTests
{
    private const string Header = "device-id,plant-id,broker,broker-tls,wifi-ssid,sample-period-ms";

    private static readonly ProvisioningRequest Defaults = new()
    {
        DeviceId = string.Empty,
        PlantId = "plant-a",
        BrokerHost = "plant-server",
        BrokerPort = 1883,
        WifiSsid = "Plant Floor",
        WifiPassword = "correct horse battery",
        AssumeYes = true,
        FirstFrameTimeout = TimeSpan.FromSeconds(42),
    };

    private static IReadOnlyList<BulkRow> Parse(string text, ProvisioningRequest? defaults = null, bool password = true) =>
        BulkSheet.Parse(text, "line-3.csv", defaults ?? Defaults, password);

    private static string Refusal(string text, ProvisioningRequest? defaults = null, bool password = true) =>
        Assert.Throws<BulkSheetException>(() => Parse(text, defaults, password)).Message;

    [Fact]
    public void Empty_cells_take_the_command_lines_values_and_filled_ones_override_them()
    {
        var rows = Parse($"# line 3, cabinet B\n{Header}\npress-01,,,,,\r\n\npress-02,,,,,1000\noven-01,plant-b,oven-server:8883,on,Oven Hall,\n");

        Assert.Equal([3, 5, 6], rows.Select(r => r.Line));
        ProvisioningRequest first = rows[0].Request, oven = rows[2].Request;
        Assert.Equal(("press-01", "plant-a", "plant-server", 1883, false, "Plant Floor", (int?)null), (first.DeviceId, first.PlantId, first.BrokerHost, first.BrokerPort, first.BrokerTls, first.WifiSsid, first.SamplePeriodMilliseconds));
        Assert.Equal(1000, rows[1].Request.SamplePeriodMilliseconds);
        Assert.Equal(("oven-01", "plant-b", "oven-server", 8883, true, "Oven Hall"), (oven.DeviceId, oven.PlantId, oven.BrokerHost, oven.BrokerPort, oven.BrokerTls, oven.WifiSsid));
        Assert.All(rows, r => Assert.Equal(("correct horse battery", true, TimeSpan.FromSeconds(42)), (r.Request.WifiPassword, r.Request.AssumeYes, r.Request.FirstFrameTimeout)));
    }

    [Fact]
    public void Only_the_columns_needed_may_be_given()
    {
        var rows = Parse("device-id\npress-01\npress-02\n");

        Assert.Equal(["press-01", "press-02"], rows.Select(r => r.Request.DeviceId));
    }

    [Theory]
    [InlineData(Header + "\npress-01,,,,\n", "line-3.csv:2: 5 cells where the header has 6: column 6 (sample-period-ms) is missing")]
    [InlineData(Header + "\npress-01,,,,,,\n", "line-3.csv:2: 7 cells where the header has 6: column 7 is extra")]
    [InlineData(Header + "\npress-01,,,,,\npress-02,,,,,\npress-01,,,,,\n", "line-3.csv:4: column 1 (device-id): press-01 is already on line 2")]
    [InlineData(Header + "\npress-01,,plant-server:99999,,,\n", "line-3.csv:2: column 3 (broker): takes HOST or HOST:PORT with a port from 1 to 65535, not '99999'")]
    [InlineData(Header + "\npress-01,,plant-server:x,,,\n", "line-3.csv:2: column 3 (broker): takes HOST or HOST:PORT with a port from 1 to 65535, not 'x'")]
    [InlineData(Header + "\n,,,,,\n", "line-3.csv:2: column 1 (device-id): empty: every node needs one")]
    [InlineData(Header + "\nPress 01,,,,,\n", "line-3.csv:2: column 1 (device-id): 'Press 01' is not valid")]
    [InlineData(Header + "\npress-01,,,yes,,\n", "line-3.csv:2: column 4 (broker-tls): 'yes' is not valid: on or off")]
    [InlineData(Header + "\npress-01,,,,,50\n", "line-3.csv:2: column 6 (sample-period-ms): '50' is not valid: 0 (the board's default) or 100 to 3600000")]
    [InlineData(Header + "\npress-01,,,,\"Hall, East\",\n", "line-3.csv:2: 7 cells where the header has 6")]
    [InlineData(Header + "\npress-01,,,,\"Hall\",\n", "line-3.csv:2: column 5 (wifi-ssid): quoted cells are not supported")]
    [InlineData("device-id,plant,broker\npress-01,a,b\n", "line-3.csv:1: column 2 'plant' is not one of device-id, plant-id, broker, broker-tls, wifi-ssid, sample-period-ms")]
    [InlineData("plant-id,broker\nplant-a,b\n", "line-3.csv:1: the header has no device-id column")]
    [InlineData("device-id,broker,broker\npress-01,a,b\n", "line-3.csv:1: column 3 'broker' is named twice")]
    [InlineData("# nothing yet\n" + Header + "\n", "line-3.csv: no nodes")]
    public void A_bad_sheet_is_refused_naming_the_line_and_the_column(string text, string message)
    {
        Assert.StartsWith(message, Refusal(text));
    }

    [Fact]
    public void A_value_missing_from_both_the_sheet_and_the_command_line_is_named()
    {
        var bare = new ProvisioningRequest { DeviceId = string.Empty, PlantId = string.Empty, BrokerHost = string.Empty };

        Assert.Equal("line-3.csv:2: column 2 (plant-id): empty, and no --plant on the command line", Refusal(Header + "\npress-01,,,,,\n", bare));
        Assert.Equal("line-3.csv:2: plant-id (not a column of the sheet): empty, and no --plant on the command line", Refusal("device-id\npress-01\n", bare));
        Assert.Equal("line-3.csv:2: column 3 (broker): empty, and no --broker on the command line", Refusal(Header + "\npress-01,plant-a,,,,\n", bare));
        Assert.Equal("line-3.csv:2: column 5 (wifi-ssid): a Wi-Fi network needs --wifi-password-file F or --wifi-password-stdin on the command line",
            Refusal(Header + "\npress-01,,,,Hall,\n", password: false));
    }

    [Fact]
    public void A_sheet_that_cannot_be_read_is_a_sheet_error()
    {
        Assert.StartsWith("cannot read /nonexistent/nodes.csv", Assert.Throws<BulkSheetException>(() => BulkSheet.Read("/nonexistent/nodes.csv", Defaults, true)).Message);
    }
}
