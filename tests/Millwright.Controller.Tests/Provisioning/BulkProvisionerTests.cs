using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Provisioning.Fakes;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>A commissioning run's flow on pretend nodes: asking for each node, skipping, waiting for a swap, and the summary.</summary>
public sealed class BulkProvisionerTests
{
    private static IReadOnlyList<BulkRow> Rows(params string[] ids) =>
        [.. ids.Select((id, i) => new BulkRow(i + 2, new ProvisioningRequest { DeviceId = id, PlantId = "plant-a", BrokerHost = "plant-server", AssumeYes = true, FirstFrameTimeout = TimeSpan.FromSeconds(3) }))];

    private static BulkProvisioner Runner(SwappedPort port, FakeRegistry registry, StringWriter output, TextReader input, bool unattended = false, int nextNodeSeconds = 5) =>
        new(port.Open, registry, new ProgressDisplay(output), input, _ => true)
        {
            PortName = "/dev/fake",
            Unattended = unattended,
            ReplyTimeout = TimeSpan.FromMilliseconds(300),
            NextNodeTimeout = TimeSpan.FromSeconds(nextNodeSeconds),
            PollInterval = TimeSpan.FromMilliseconds(20),
            Probe = new PortProbe(port.Open) { ReplyTimeout = TimeSpan.FromMilliseconds(300) },
        };

    [Fact]
    public async Task Asked_for_each_node_a_skipped_one_and_one_still_on_the_port_are_told_apart()
    {
        var port = new SwappedPort { Node = new FakeNode() };
        var registry = new FakeRegistry();
        var output = new StringWriter();

        // Enter for press-01; s for press-02; Enter for press-03 while press-01 is still connected, then Enter after the swap.
        var input = new StringReader("\ns\n\n\n");
        port.BeforeOpen = open => port.Node = open == 4 ? new FakeNode() : port.Node;
        var outcomes = await Runner(port, registry, output, input).RunAsync(Rows("press-01", "press-02", "press-03"), CancellationToken.None);

        Assert.Equal([BulkStatus.Provisioned, BulkStatus.Skipped, BulkStatus.Provisioned], outcomes.Select(o => o.Status));
        Assert.Contains("the node on /dev/fake is press-01, provisioned earlier in this run: connect press-03's node", output.ToString());
        Assert.Equal(["add press-01", "add press-03"], registry.Calls);
        Assert.Equal("press-03", port.Node!.Settings["device-id"]);
    }

    [Fact]
    public async Task Unattended_the_next_node_is_awaited_after_the_last_one_left_the_port()
    {
        FakeNode first = new(), second = new();
        var port = new SwappedPort { Node = first };
        var registry = new FakeRegistry();

        // Opens: 1 probe and 2 run for press-01; 3 probe finds it still there; 4 the port is empty; 5 probe finds the new node; 6 run.
        port.BeforeOpen = open => port.Node = open switch { 4 => null, 5 => second, _ => port.Node };
        var outcomes = await Runner(port, registry, new StringWriter(), TextReader.Null, unattended: true).RunAsync(Rows("press-01", "press-02"), CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(BulkStatus.Provisioned, o.Status));
        Assert.Equal(("press-01", "press-02"), (first.Settings["device-id"], second.Settings["device-id"]));
        Assert.Equal(6, port.Opens);
    }

    [Fact]
    public async Task Unattended_a_node_never_swapped_leaves_the_rest_not_attempted()
    {
        var port = new SwappedPort { Node = new FakeNode() };
        var outcomes = await Runner(port, new FakeRegistry(), new StringWriter(), TextReader.Null, unattended: true, nextNodeSeconds: 1)
            .RunAsync(Rows("press-01", "press-02", "press-03"), CancellationToken.None);

        Assert.Equal([BulkStatus.Provisioned, BulkStatus.NotAttempted, BulkStatus.NotAttempted], outcomes.Select(o => o.Status));
        Assert.Equal("the node on /dev/fake was not swapped within 1 s", outcomes[1].Detail);
    }

    [Fact]
    public async Task A_failed_node_does_not_stop_the_run_and_the_summary_names_its_step()
    {
        var port = new SwappedPort { Node = new FakeNode() };
        var registry = new FakeRegistry { Delivering = false };
        var output = new StringWriter();
        port.BeforeOpen = open => port.Node = open == 3 ? new FakeNode() : port.Node;

        var outcomes = await Runner(port, registry, output, new StringReader("\n\n")).RunAsync(Rows("press-01", "press-02"), CancellationToken.None);
        BulkProvisioner.WriteSummary(output, outcomes);

        Assert.All(outcomes, o => Assert.Equal(BulkStatus.Failed, o.Status));
        string text = output.ToString();
        Assert.Contains("summary: 0 provisioned, 2 failed, 0 skipped", text);
        Assert.Matches(@"\n  press-02 +FAILED +broker: no signed frame reached the controller within 3 s", text);
    }

    [Fact]
    public void The_summary_counts_each_outcome_and_lists_every_node()
    {
        var output = new StringWriter();
        BulkProvisioner.WriteSummary(output,
        [
            new("press-01", BulkStatus.Provisioned, "key 1a2b, epoch 1, first frame sequence 1"),
            new("press-02", BulkStatus.Skipped, "skipped by the technician"),
            new("oven-01", BulkStatus.NotAttempted, "the run was stopped by the technician"),
        ]);

        Assert.Equal(
            "summary: 1 provisioned, 0 failed, 1 skipped, 1 not attempted\n" +
            "  press-01                         ok            key 1a2b, epoch 1, first frame sequence 1\n" +
            "  press-02                         skipped       skipped by the technician\n" +
            "  oven-01                          not attempted the run was stopped by the technician\n",
            output.ToString().ReplaceLineEndings("\n"));
    }
}
