using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Hosting;

namespace Millwright.Controller.Cli;

/// <summary>`millwright serve`: runs the controller until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    internal const string Usage =
        """
        usage: millwright serve [--data-dir D] [--plant P] [--urls U] [--mqtt-port N] [--mqtt-tls-port N]
                                [--mqtt-tls-certificate FILE.pfx] [--mqtt-bind ADDRESS]
                                [--mqtt-mode Embedded|External] [--broker-host H] [--broker-port N]
                                [--broker-user U] [--broker-client-id ID] [--shared-group G]
                                [--Millwright:Section:Key=value ...]

        Runs the controller: MQTT (embedded broker, or a client of an external one), ingest, storage and the HTTP
        API. Every setting of appsettings.json can also be given as --Millwright:Ingest:BatchSize=200 or as an
        environment variable (MILLWRIGHT__INGEST__BATCHSIZE=200); the command line wins. Passwords are best given
        through the environment (MILLWRIGHT__MQTT__EXTERNAL__PASSWORD), not the command line.
        At first start the API token is printed once.
        """;

    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error)
    {
        string[] arguments = args.ToArray();
        if (arguments is ["help" or "--help" or "-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        CheckArguments(arguments);
        WebApplication? app = null;
        try
        {
            app = ControllerHost.Build(arguments, output);
            app.Lifetime.ApplicationStarted.Register(() => PrintStarted(app.Services, output));
            app.Run();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine("millwright serve: the configuration is invalid:");
            foreach (string failure in e.Failures)
            {
                error.WriteLine($"  {failure}");
            }

            return 2;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            error.WriteLine($"millwright serve: cannot start: {e.Message}");
            return 1;
        }
        catch (FormatException e)
        {
            throw new UsageException($"serve: {e.Message}");
        }
        finally
        {
            ((IDisposable?)app)?.Dispose();
        }
    }

    /// <summary>Every argument must be a --switch followed by its value, or --Key=value.</summary>
    private static void CheckArguments(string[] arguments)
    {
        for (int i = 0; i < arguments.Length; i++)
        {
            string argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                throw new UsageException($"serve: unexpected '{argument}' (options are --name value or --Section:Key=value)");
            }

            if (!argument.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= arguments.Length || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"serve: {argument} needs a value");
                }

                i++;
            }
        }
    }

    private static void PrintStarted(IServiceProvider services, TextWriter output)
    {
        ControllerOptions controller = services.GetRequiredService<IOptions<ControllerOptions>>().Value;
        MqttOptions mqtt = services.GetRequiredService<IOptions<MqttOptions>>().Value;
        ApiOptions api = services.GetRequiredService<IOptions<ApiOptions>>().Value;
        string broker = mqtt.Mode == MqttMode.External
            ? $"client of {mqtt.External.Host}:{mqtt.External.Port}" + (string.IsNullOrEmpty(mqtt.External.SharedSubscriptionGroup) ? string.Empty : $" (shared group {mqtt.External.SharedSubscriptionGroup})")
            : $"embedded broker on {mqtt.BindAddress}" + (mqtt.RequireTls ? string.Empty : $", port {mqtt.Port}") +
              (string.IsNullOrWhiteSpace(mqtt.TlsCertificatePath) ? string.Empty : $", TLS port {mqtt.TlsPort}");
        output.WriteLine($"millwright: controller of plant '{controller.PlantId}' running (Ctrl+C stops it)");
        output.WriteLine($"  data:    {controller.FullDataDirectory}");
        output.WriteLine($"  MQTT:    {broker}");
        output.WriteLine($"  API:     {api.Urls}  (/api needs the bearer token; /health and /metrics are open)");
        output.Flush();
    }
}
