using System.Text;
using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// Improv Wi-Fi serial against the real firmware on a virtual board, through a socat pseudo-terminal: the bytes a
/// standard Improv client (ESP Web Tools, improv-wifi/sdk-serial-js) sends set the node's Wi-Fi, and `millwright
/// provision --wifi-improv` does its Wi-Fi step that way.
/// </summary>
[Collection("provisioning")]
public sealed class ImprovOverSerialTests
{
    [Fact]
    public async Task The_byte_sequence_of_a_standard_improv_client_sets_the_nodes_wifi()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        byte[] answers;
        using (ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory))
        using (SerialPortLine line = SerialPortLine.Open(bridge.Path, 115200))
        {
            // improv-wifi serial spec: "IMPROV", version 1, type 0x03 (RPC), length, data, checksum (sum of all
            // preceding bytes, low 8 bits); RPC data: command 0x01 (send Wi-Fi settings), data length, then
            // ssid length, ssid, password length, password. sdk-serial-js ends each packet with LF.
            byte[] ssid = Encoding.UTF8.GetBytes("Shop Floor"), password = Encoding.UTF8.GetBytes("correct horse battery");
            byte[] rpc = [0x01, (byte)(2 + ssid.Length + password.Length), (byte)ssid.Length, .. ssid, (byte)password.Length, .. password];
            byte[] packet = [.. "IMPROV"u8.ToArray(), 0x01, 0x03, (byte)rpc.Length, .. rpc];
            byte[] wire = [.. packet, (byte)packet.Sum(b => b), (byte)'\n'];
            line.Write(wire, 0, wire.Length);
            answers = await ReadUntilAsync(line, Packet(0x01, [0x04]));
        }

        Assert.True(Contains(answers, Packet(0x02, [0x00])), "error state 'none' acknowledges the RPC");
        Assert.True(Contains(answers, Packet(0x01, [0x03])), "state 'provisioning' while the node connects");
        Assert.Equal("wifi-ssid Shop Floor", (await bench.AskTextAsync("get wifi-ssid")).Text);
        Assert.Equal("wifi-password (set, write-only)", (await bench.AskTextAsync("get wifi-password")).Text);
    }

    [Fact]
    public async Task The_tool_sends_the_wifi_by_improv_and_the_rest_through_the_staged_console_session()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        string password = Path.Combine(bench.Directory, "wifi.txt");
        await File.WriteAllTextAsync(password, "correct horse battery", TestContext.Current.CancellationToken);

        (int exit, string output) = await bench.ProvisionAsync("press-1", "--wifi-ssid", "Plant Floor", "--wifi-password-file", password, "--wifi-improv");

        Assert.True(exit == 0, output);
        Assert.Contains("ok  wifi      the node connected with it; staged with the other settings (Improv state provisioned)", output);
        Assert.Contains("first frame stored", output);
        Assert.DoesNotContain("correct horse battery", output, StringComparison.Ordinal);
        Assert.Equal("wifi-ssid Plant Floor", (await bench.AskTextAsync("get wifi-ssid")).Text);
        Assert.Equal("press-1", (await bench.AskAsync("info"))["device-id"]);
    }

    [Fact]
    public async Task A_session_cut_after_the_improv_wifi_step_leaves_the_previous_wifi_and_settings_in_force()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        string password = Path.Combine(bench.Directory, "wifi.txt");
        await File.WriteAllTextAsync(password, "old floor password", TestContext.Current.CancellationToken);
        (int exit, string output) = await bench.ProvisionAsync("press-1", "--wifi-ssid", "Old Floor", "--wifi-password-file", password);
        Assert.True(exit == 0, output);

        using (ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory))
        await using (var registry = new ApiRegistryAccess(bench.Controller.ApiBase, bench.Controller.Token))
        {
            var line = new CuttingLine(SerialPortLine.Open(bridge.Path, 115200), "prove");
            var display = new StringWriter();
            var provisioner = new Provisioner(new ConsoleClient(line, TimeSpan.FromSeconds(15)), registry, new ProgressDisplay(display), _ => true);
            var request = new ProvisioningRequest
            {
                DeviceId = "press-2", PlantId = "plant-b", BrokerHost = "10.9.9.9", WifiSsid = "New Floor", WifiPassword = "new floor password",
                WifiViaImprov = true, AssumeYes = true,
            };
            var failure = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.RunAsync(request, CancellationToken.None));
            Assert.Equal("cable pulled (test)", failure.Message);
            Assert.Contains("ok  wifi      the node connected with it; staged", display.ToString(), StringComparison.Ordinal);
        }

        // The cut session's edits, the Wi-Fi among them, are still staged (not in force) until the next session drops them.
        var info = await bench.AskAsync("info");
        Assert.True(info["device-id"] == "press-1" && info["plant-id"] == RunningController.Plant && info["staged"] == "yes", string.Join(' ', info));
        Assert.Equal("staged changes discarded", (await bench.AskTextAsync("abort")).Text);
        Assert.Equal("wifi-ssid Old Floor", (await bench.AskTextAsync("get wifi-ssid")).Text);
        long frames = await bench.FramesStoredAsync("press-1");
        await Eventually.TrueAsync(async () => await bench.FramesStoredAsync("press-1") > frames, "press-1 still delivers under its previous settings");
    }

    /// <summary>A device-to-client packet, built by hand as the spec lays it out, with the LF the device adds.</summary>
    private static byte[] Packet(byte type, byte[] data)
    {
        byte[] body = [.. "IMPROV"u8.ToArray(), 0x01, type, (byte)data.Length, .. data];
        return [.. body, (byte)body.Sum(b => b), (byte)'\n'];
    }

    private static async Task<byte[]> ReadUntilAsync(SerialPortLine line, byte[] wanted)
    {
        var received = new List<byte>();
        var buffer = new byte[256];
        DateTime until = DateTime.UtcNow.AddSeconds(40);
        while (!Contains([.. received], wanted))
        {
            Assert.True(DateTime.UtcNow < until, "no 'provisioned' state within 40 s; received: " + Convert.ToHexString([.. received]));
            received.AddRange(buffer.AsSpan(0, line.Read(buffer, 0, buffer.Length, TimeSpan.FromMilliseconds(200))).ToArray());
            await Task.Yield();
        }

        return [.. received];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
