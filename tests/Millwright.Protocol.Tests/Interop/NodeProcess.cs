using System.ComponentModel;
using System.Diagnostics;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>The result of one child process run by <see cref="NodeProcess"/>.</summary>
internal sealed record NodeProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Starts node or npm with stdin/stdout redirected and a deadline; kills the process tree it started when the
/// deadline passes or the test is cancelled. A program that is not on PATH comes back as null, not an exception.
/// </summary>
internal static class NodeProcess
{
    public static async Task<NodeProcessResult?> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, string? standardInput,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            Task<string> error = process.StandardError.ReadToEndAsync(deadline.Token);
            if (standardInput != null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), deadline.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
            return new NodeProcessResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }
    }
}
