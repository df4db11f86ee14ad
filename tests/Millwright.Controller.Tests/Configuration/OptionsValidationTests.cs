using Millwright.Controller.Configuration;

namespace Millwright.Controller.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new ControllerOptionsValidator().Validate(null, new ControllerOptions()).Succeeded);
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions()).Succeeded);
        Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions()).Succeeded);
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void Mqtt_port_out_of_range_names_the_key(int port)
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions { Port = port });

        Assert.Contains(result.Failures!, f => f.StartsWith("Millwright:Mqtt:Port must be 1-65535", StringComparison.Ordinal));
    }

    [Fact]
    public void Plant_id_must_be_an_identifier()
    {
        var result = new ControllerOptionsValidator().Validate(null, new ControllerOptions { PlantId = "Plant A" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Millwright:PlantId must be 1-32 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_data_directory_is_refused()
    {
        var result = new ControllerOptionsValidator().Validate(null, new ControllerOptions { DataDirectory = " " });

        Assert.Contains("Millwright:DataDirectory must not be empty", result.Failures!);
    }

    [Fact]
    public void Tls_needs_an_existing_certificate_and_its_own_port()
    {
        var missing = new MqttOptionsValidator().Validate(null, new MqttOptions { TlsCertificatePath = "/nonexistent/server.pfx" });
        var requireWithoutCertificate = new MqttOptionsValidator().Validate(null, new MqttOptions { RequireTls = true });

        Assert.Contains(missing.Failures!, f => f.StartsWith("Millwright:Mqtt:TlsCertificatePath: no file at", StringComparison.Ordinal));
        Assert.Contains(requireWithoutCertificate.Failures!, f => f.StartsWith("Millwright:Mqtt:RequireTls needs Millwright:Mqtt:TlsCertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public void External_mode_checks_the_external_keys_only()
    {
        var options = new MqttOptions
        {
            Mode = MqttMode.External,
            Port = 0, // the embedded port does not matter in external mode
            External = new ExternalBrokerOptions { Host = "", Port = 70000, ReceiveMaximum = 0, SharedSubscriptionGroup = "a/b" },
        };

        var failures = new MqttOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Millwright:Mqtt:External:Host must not be empty", failures);
        Assert.Contains(failures, f => f.StartsWith("Millwright:Mqtt:External:Port must be 1-65535", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Mqtt:External:ReceiveMaximum must be 1-65535", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Mqtt:External:SharedSubscriptionGroup must not contain", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.StartsWith("Millwright:Mqtt:Port", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_limits_name_their_keys()
    {
        var options = new IngestOptions
        {
            QueueCapacity = 0,
            BatchSize = 0,
            BatchMaxDelay = TimeSpan.Zero,
            MaxClockSkew = TimeSpan.Zero,
            MaxMessageBytes = 4096,
        };

        var failures = new IngestOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Millwright:Ingest:QueueCapacity must be 1-1000000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Ingest:BatchSize must be 1-10000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Ingest:BatchMaxDelay must be between", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Ingest:MaxClockSkew must be between", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Millwright:Ingest:MaxMessageBytes must be 64-2048 (the protocol's limit is 2048)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://localhost:21")]
    [InlineData("localhost:8080")]
    [InlineData("")]
    public void Api_urls_must_be_http_addresses(string urls)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { Urls = urls });

        Assert.Contains(result.Failures!, f => f.StartsWith("Millwright:Api:Urls", StringComparison.Ordinal));
    }

    [Fact]
    public void Kestrel_wildcard_hosts_are_accepted()
    {
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions { Urls = "http://*:8080;http://+:8081;https://0.0.0.0:8443" }).Succeeded);
    }
}
