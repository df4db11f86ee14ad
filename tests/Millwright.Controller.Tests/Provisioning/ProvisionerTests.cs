using System.Security.Cryptography;
using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Provisioning.Fakes;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// The provisioning steps against a pretend console and an in-memory registry: the question before a configured node is
/// changed, --yes, what crosses the line, and that a failure on the way out does not hide the step that failed.
/// </summary>
public sealed class ProvisionerTests
{
    private static ProvisioningRequest Request(bool yes = false, byte[]? secret = null, bool keep = false) => new()
    {
        DeviceId = "press-1",
        PlantId = "plant-b",
        BrokerHost = "plant-server",
        WifiSsid = "Plant Floor",
        WifiPassword = "correct horse battery",
        AssumeYes = yes,
        Secret = secret,
        KeepSecret = keep,
        FirstFrameTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<(ProvisioningResult? Result, ProvisioningException? Failure, string Output)> RunAsync(
        ScriptedLine line, FakeRegistry registry, ProvisioningRequest request, Func<string, bool> confirm)
    {
        var output = new StringWriter();
        var provisioner = new Provisioner(new ConsoleClient(line, TimeSpan.FromMilliseconds(500)), registry, new ProgressDisplay(output), confirm);
        try
        {
            return (await provisioner.RunAsync(request, CancellationToken.None), null, output.ToString());
        }
        catch (ProvisioningException e)
        {
            return (null, e, output.ToString());
        }
    }

    /// <summary>A node configured as press-1 that has delivered under the registry's current key.</summary>
    private static (FakeNode Node, FakeRegistry Registry) DeliveringNode()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        var registry = new FakeRegistry();
        registry.Register("press-1", secret, frames: 10);
        return (FakeNode.Configured("press-1", secret), registry);
    }

    [Fact]
    public async Task A_configured_node_is_changed_only_after_the_technician_says_yes()
    {
        (FakeNode node, FakeRegistry registry) = DeliveringNode();
        var questions = new List<string>();
        ScriptedLine line = node.Line();

        var (_, failure, output) = await RunAsync(line, registry, Request(), q => { questions.Add(q); return false; });

        Assert.Equal(ProvisioningStep.Confirm, failure!.Step);
        Assert.Equal(["apply these changes?"], questions);
        Assert.Contains("plant-id: plant-a -> plant-b", output);
        Assert.Contains("broker-host: old-broker -> plant-server", output);
        Assert.DoesNotContain(line.Written, w => w.StartsWith("set ", StringComparison.Ordinal) || w.StartsWith("secret", StringComparison.Ordinal) || w == "commit");
        Assert.Empty(registry.Calls);
        Assert.Equal("plant-a", node.Settings["plant-id"]);
    }

    [Fact]
    public async Task With_yes_a_configured_node_is_changed_without_a_question_and_keeps_its_key()
    {
        (FakeNode node, FakeRegistry registry) = DeliveringNode();

        var (result, failure, output) = await RunAsync(node.Line(), registry, Request(yes: true), _ => throw new InvalidOperationException("asked"));

        Assert.True(failure is null, output);
        Assert.Equal(node.KeyId, result!.KeyId);
        Assert.Equal("plant-b", node.Settings["plant-id"]);
        Assert.Equal("correct horse battery", node.Settings["wifi-password"]);
        Assert.Empty(registry.Calls);
        Assert.Contains("this node is configured; changes (", output);
        Assert.Contains("plant-id: plant-a -> plant-b", output);
    }

    [Fact]
    public async Task A_new_node_is_not_asked_about_gets_the_registrys_new_secret_and_no_output_shows_it()
    {
        var node = new FakeNode();
        var registry = new FakeRegistry();
        bool asked = false;

        var (result, failure, output) = await RunAsync(node.Line(), registry, Request(), _ => asked = true);

        Assert.True(failure is null, output);
        Assert.False(asked);
        Assert.Equal(["add press-1"], registry.Calls);
        byte[] installed = node.Secret!;
        Assert.Equal(Assert.Single(registry.Secrets), installed);
        Assert.Equal(node.KeyId, result!.KeyId);
        Assert.Contains("ok  prove", output);
        SecretScan.AssertAbsent(output, installed);
        SecretScan.AssertAbsent(output, "correct horse battery");
    }

    [Fact]
    public async Task A_wrong_secret_fails_at_prove_even_when_the_line_dies_on_the_way_out_and_nothing_is_committed()
    {
        (FakeNode node, FakeRegistry registry) = DeliveringNode();
        ScriptedLine line = node.Line();
        bool proved = false;
        line.Answer = command =>
        {
            // The cable goes after the proof: the abort that follows gets no answer.
            if (proved)
            {
                return null;
            }

            proved = command.StartsWith("prove ", StringComparison.Ordinal);
            return node.Answer(command);
        };

        byte[] wrong = RandomNumberGenerator.GetBytes(32);
        var (_, failure, output) = await RunAsync(line, registry, Request(yes: true, secret: wrong, keep: true), _ => true);

        Assert.Equal(ProvisioningStep.Prove, failure!.Step);
        Assert.Contains("does not match", failure.Message);
        Assert.Equal("abort", line.Written[^1]);
        Assert.DoesNotContain("commit", line.Written);
        Assert.Equal("plant-a", node.Settings["plant-id"]);
        SecretScan.AssertAbsent(output + failure.Message + failure.Advice, wrong);
    }

    [Fact]
    public async Task A_controller_that_misses_polls_while_the_frame_is_awaited_does_not_fail_a_committed_node()
    {
        var registry = new FakeRegistry();
        registry.FailingFinds.UnionWith([2, 3, 5]); // 1 is the plan's look-up; 2 the count after the commit; then polls

        var (result, failure, output) = await RunAsync(new FakeNode().Line(), registry, Request(), _ => true);

        Assert.True(failure is null, output);
        Assert.True(result!.FirstSequence > 0);
    }
}
