//! The `adrgov` binary: parse the command line, run, map the result to an exit code.

// Many small allocations (the parsed ADRs, the history's events): mimalloc takes them at a
// fraction of the system allocator's cost (README, "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    adrgov::main_with_args(std::env::args_os())
}
