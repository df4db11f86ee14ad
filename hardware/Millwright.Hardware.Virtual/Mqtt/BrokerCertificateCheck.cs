using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Millwright.Hardware.Virtual.Mqtt;

/// <summary>
/// Accepts a broker certificate that chains to the CA the node was given (MqttConnectSettings.CaCertificatePem), as
/// the ESP32 binding does with its CA file; without a CA, the host's trust store decides. A wrong host name fails
/// either way.
/// </summary>
internal static class BrokerCertificateCheck
{
    public static Func<MqttClientCertificateValidationEventArgs, bool> For(string? caPem)
    {
        if (string.IsNullOrWhiteSpace(caPem))
        {
            return args => args.SslPolicyErrors == SslPolicyErrors.None;
        }

        X509Certificate2 ca = X509Certificate2.CreateFromPem(caPem);
        return args => ChainsTo(ca, args.Certificate, args.SslPolicyErrors);
    }

    private static bool ChainsTo(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
