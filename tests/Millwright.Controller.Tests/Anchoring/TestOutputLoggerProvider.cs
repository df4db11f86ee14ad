using Microsoft.Extensions.Logging;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>Log lines into the running test's output, so a failing anchoring test shows what the service did.</summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public static ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.AddProvider(new TestOutputLoggerProvider()).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine(
                    $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel.ToString()[..4]} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // No test is running (a background save after the test ended).
            }
        }
    }
}
