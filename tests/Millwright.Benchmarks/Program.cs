using BenchmarkDotNet.Running;

// One class per question; pick with --filter, e.g. --filter '*FrameSigning*'. All: --filter '*'.
BenchmarkSwitcher.FromAssembly(typeof(Millwright.Benchmarks.TypicalFrame).Assembly).Run(args); // not typeof(Program): the controller has one too
