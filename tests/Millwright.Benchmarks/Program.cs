using BenchmarkDotNet.Running;

// One class per question; pick with --filter, e.g. --filter '*FrameSigning*'. All: --filter '*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
