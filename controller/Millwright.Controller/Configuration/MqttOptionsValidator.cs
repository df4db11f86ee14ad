using System.Net;
using Microsoft.Extensions.Options;

namespace Millwright.Controller.Configuration;

/// <summary>Checks <see cref="MqttOptions"/> at start; every message names its key.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    private const string Key = "Millwright:Mqtt";

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var checks = new OptionChecks();
        if (!Enum.IsDefined(options.Mode))
        {
            checks.Fail($"{Key}:Mode must be Embedded or External");
        }

        if (options.Mode == MqttMode.Embedded)
        {
            ValidateEmbedded(options, checks);
        }
        else
        {
            ValidateExternal(options.External, checks);
        }

        return checks.Result();
    }

    private static void ValidateEmbedded(MqttOptions options, OptionChecks checks)
    {
        checks.Port($"{Key}:Port", options.Port);
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            checks.Fail($"{Key}:BindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1 (is '{options.BindAddress}')");
        }

        bool tls = !string.IsNullOrWhiteSpace(options.TlsCertificatePath);
        if (tls)
        {
            checks.Port($"{Key}:TlsPort", options.TlsPort);
            if (options.TlsPort == options.Port && !options.RequireTls)
            {
                checks.Fail($"{Key}:TlsPort must differ from {Key}:Port");
            }

            if (!File.Exists(options.TlsCertificatePath))
            {
                checks.Fail($"{Key}:TlsCertificatePath: no file at '{Path.GetFullPath(options.TlsCertificatePath!)}'");
            }
        }
        else if (options.RequireTls)
        {
            checks.Fail($"{Key}:RequireTls needs {Key}:TlsCertificatePath (a .pfx with the server certificate)");
        }
    }

    private static void ValidateExternal(ExternalBrokerOptions external, OptionChecks checks)
    {
        const string ExternalKey = Key + ":External";
        checks.NotEmpty($"{ExternalKey}:Host", external.Host);
        checks.Port($"{ExternalKey}:Port", external.Port);
        checks.NotEmpty($"{ExternalKey}:ClientId", external.ClientId);
        checks.Range($"{ExternalKey}:ReceiveMaximum", external.ReceiveMaximum, 1, 65535);
        checks.Duration($"{ExternalKey}:ReconnectDelay", external.ReconnectDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        string? group = external.SharedSubscriptionGroup;
        if (!string.IsNullOrEmpty(group) && group.AsSpan().IndexOfAny("/+#") >= 0)
        {
            checks.Fail($"{ExternalKey}:SharedSubscriptionGroup must not contain '/', '+' or '#' (is '{group}')");
        }
    }
}
