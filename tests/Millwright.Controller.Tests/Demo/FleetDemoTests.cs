using System.Diagnostics;
using Millwright.Controller.Demo;

namespace Millwright.Controller.Tests.Demo;

/// <summary>`millwright demo` end to end: the controller in the test process, two virtual boards (the real firmware)
/// in a child process, for 10 s, the log anchored on the controller's own Anvil chain. Uses the virtual board this test project references (built with it) instead of
/// building it again in Release.</summary>
public sealed class FleetDemoTests
{
    [Fact]
    public async Task The_demo_stores_frames_from_both_virtual_boards_and_exits_0()
    {
        string fleet = Path.Combine(AppContext.BaseDirectory, "Millwright.Hardware.Virtual.dll");
        Assert.True(File.Exists(fleet), $"missing {fleet}");
        var options = new DemoOptions(Devices: 2, FramesPerDevice: 0, Seed: 3) { Seconds = 10, FleetAssembly = fleet };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var watch = Stopwatch.StartNew();

        int code = await FleetDemo.RunAsync(options, output, error, TestContext.Current.CancellationToken);

        string text = output.ToString();
        TestContext.Current.SendDiagnosticMessage(text + error);
        Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
        Assert.Contains("registered press-01", text, StringComparison.Ordinal);
        Assert.Contains("registered press-02", text, StringComparison.Ordinal);
        foreach (string device in new[] { "press-01", "press-02" })
        {
            string row = text.Split('\n').Single(l => l.TrimStart().StartsWith(device + " ", StringComparison.Ordinal));
            long frames = long.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(frames > 0, $"no frames stored from {device}: {row}");
        }

        Assert.Contains("result: OK", text, StringComparison.Ordinal);
        Assert.Contains("quarantine: none", text, StringComparison.Ordinal);
        Assert.Contains("verify: OK", text, StringComparison.Ordinal); // one frame's proof bundle verified against the chain
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }
}
