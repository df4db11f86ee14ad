using System.Security.Cryptography;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>What a run will do to a node's key and settings, decided from what the node and the registry hold.</summary>
public sealed class ProvisioningPlannerTests
{
    private const string NodeKey = "1111111111111111";
    private const string OlderKey = "2222222222222222";

    private static ProvisioningRequest Request(bool keep = false, bool replace = false, bool rotate = false, byte[]? secret = null, bool improv = false) =>
        new()
        {
            DeviceId = "press-1",
            PlantId = "plant-a",
            BrokerHost = "plant-server",
            BrokerPort = 1883,
            WifiSsid = "Plant Floor",
            WifiPassword = "correct horse battery",
            WifiViaImprov = improv,
            Secret = secret,
            KeepSecret = keep,
            Replace = replace,
            Rotate = rotate,
        };

    private static Dictionary<string, string> Node(string keyId = "", string deviceId = "") => new()
    {
        ["key-id"] = keyId,
        ["device-id"] = deviceId,
        ["plant-id"] = deviceId.Length > 0 ? "plant-a" : string.Empty,
        ["broker-host"] = deviceId.Length > 0 ? "old-server" : string.Empty,
        ["broker-port"] = "1883",
        ["broker-tls"] = "off",
        ["wifi-ssid"] = deviceId.Length > 0 ? "Plant Floor" : string.Empty,
    };

    private static RegistryDevice Registered(long frames = 10, bool enabled = true) =>
        new("press-1", enabled, 1, NodeKey, [NodeKey, OlderKey], frames, frames);

    [Fact]
    public void A_new_node_for_a_new_device_is_added_and_every_setting_is_listed_from_none()
    {
        ProvisioningPlan plan = ProvisioningPlanner.Plan(Request(), Node(), null);

        Assert.Equal(SecretAction.Add, plan.Secret);
        Assert.False(plan.NodeWasConfigured);
        Assert.Contains("device-id: (none) -> press-1", plan.Changes);
        Assert.Contains("broker-host: (none) -> plant-server", plan.Changes);
        Assert.Contains("secret: (none) -> new key (add)", plan.Changes);
    }

    [Fact]
    public void A_configured_node_holding_the_current_key_keeps_it_and_only_what_differs_is_listed()
    {
        ProvisioningPlan plan = ProvisioningPlanner.Plan(Request(), Node(NodeKey, "press-1"), Registered());

        Assert.Equal(SecretAction.Keep, plan.Secret);
        Assert.True(plan.NodeWasConfigured);
        Assert.Equal(["broker-host: old-server -> plant-server", "wifi-password: (write-only) -> (set)"], plan.Changes);
    }

    [Fact]
    public void Rotate_or_an_older_active_key_gives_the_same_node_a_new_key()
    {
        Assert.Equal(SecretAction.Rotate, ProvisioningPlanner.Plan(Request(rotate: true), Node(NodeKey, "press-1"), Registered()).Secret);
        ProvisioningPlan older = ProvisioningPlanner.Plan(Request(), Node(OlderKey, "press-1"), Registered());
        Assert.Equal(SecretAction.Rotate, older.Secret);
        Assert.Contains($"secret: key {OlderKey} -> new key (rotate)", older.Changes);
    }

    [Fact]
    public void Another_node_under_a_device_that_delivered_is_refused_unless_it_is_a_replacement()
    {
        var refused = Assert.Throws<ProvisioningException>(() => ProvisioningPlanner.Plan(Request(), Node(), Registered()));
        Assert.Equal(ProvisioningStep.Registry, refused.Step);
        Assert.Contains("has delivered frames under key " + NodeKey, refused.Message);
        Assert.Contains("--replace", refused.Advice);

        Assert.Equal(SecretAction.Replace, ProvisioningPlanner.Plan(Request(replace: true), Node(), Registered()).Secret);
        Assert.Equal(SecretAction.Replace, ProvisioningPlanner.Plan(Request(), Node(), Registered(frames: 0)).Secret);
    }

    [Fact]
    public void Options_that_need_a_registered_device_or_a_keyed_node_are_refused_without_one()
    {
        Assert.Contains("not registered", Assert.Throws<ProvisioningException>(() => ProvisioningPlanner.Plan(Request(replace: true), Node(), null)).Message);
        Assert.Contains("not registered", Assert.Throws<ProvisioningException>(() => ProvisioningPlanner.Plan(Request(keep: true), Node(NodeKey), null)).Message);
        Assert.Contains("holds no secret", Assert.Throws<ProvisioningException>(() => ProvisioningPlanner.Plan(Request(keep: true), Node(), Registered())).Message);
        Assert.Equal(SecretAction.Keep, ProvisioningPlanner.Plan(Request(keep: true), Node(NodeKey, "press-1"), Registered()).Secret);
    }

    [Fact]
    public void A_disabled_device_is_refused_before_anything_is_planned()
    {
        var refused = Assert.Throws<ProvisioningException>(() => ProvisioningPlanner.Plan(Request(), Node(NodeKey, "press-1"), Registered(enabled: false)));

        Assert.Equal(ProvisioningStep.Registry, refused.Step);
        Assert.Contains("millwright device enable press-1", refused.Advice);
    }

    [Fact]
    public void Wifi_by_improv_is_listed_apart_and_not_among_the_console_settings()
    {
        ProvisioningPlan plan = ProvisioningPlanner.Plan(Request(improv: true), Node(), null);

        Assert.Contains("wifi (Improv): -> Plant Floor", plan.Changes);
        Assert.DoesNotContain(plan.Changes, c => c.StartsWith("wifi-ssid", StringComparison.Ordinal) || c.StartsWith("wifi-password", StringComparison.Ordinal));
    }

    [Fact]
    public void Neither_the_secret_nor_the_wifi_password_is_ever_shown_in_the_plan()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        foreach (ProvisioningRequest request in new[] { Request(secret: secret), Request(keep: true, secret: secret), Request(replace: true, secret: secret) })
        {
            string text;
            try
            {
                ProvisioningPlan plan = ProvisioningPlanner.Plan(request, Node(NodeKey, "press-1"), Registered());
                text = plan.Reason + string.Join('\n', plan.Changes);
            }
            catch (ProvisioningException e)
            {
                text = e.Message + e.Advice;
            }

            SecretScan.AssertAbsent(text, secret);
            SecretScan.AssertAbsent(text, "correct horse battery");
        }
    }
}
