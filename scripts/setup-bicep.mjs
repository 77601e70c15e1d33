#!/usr/bin/env node
// Restores the Bicep CLI (the NuGet package Azure.Bicep.CommandLine.<rid>, which carries the bicep binary) into
// .tools/bicep/, so that the tests compile Bicep with the real compiler and no one installs it by hand. It runs before
// `npm test` (pretest), once: a binary already there is kept. Without the .NET SDK it says so and exits 0; the Bicep
// tests then print "skipped: no Bicep CLI" and everything else still runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BICEP_VERSION = '0.49.2';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.tools', 'bicep');
const target = path.join(dir, process.platform === 'win32' ? 'bicep.exe' : 'bicep');
const rid = { linux: 'linux', darwin: 'osx', win32: 'win' }[process.platform];
const arch = { x64: 'x64', arm64: 'arm64' }[os.arch()];

function run() {
  if (existsSync(target)) return `Bicep CLI ${BICEP_VERSION} already at ${path.relative(root, target)}`;
  if (!rid || !arch) return `no Bicep CLI package for ${process.platform}-${os.arch()}; Bicep tests will be skipped`;
  try {
    execFileSync('dotnet', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no .NET SDK (dotnet) to restore the Bicep CLI with; Bicep tests will be skipped';
  }
  const pkg = `Azure.Bicep.CommandLine.${rid}-${arch}`;
  const work = path.join(dir, 'restore');
  mkdirSync(work, { recursive: true });
  // PackageDownload fetches a package without referencing it: no build, no target framework assets needed.
  writeFileSync(
    path.join(work, 'bicep.csproj'),
    `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>\n  <ItemGroup><PackageDownload Include="${pkg}" Version="[${BICEP_VERSION}]" /></ItemGroup>\n</Project>\n`,
  );
  const packages = path.join(work, 'packages');
  execFileSync('dotnet', ['restore', path.join(work, 'bicep.csproj'), '--packages', packages, '--nologo', '-v', 'quiet'], { stdio: 'inherit', timeout: 600_000 });
  const binary = path.join(packages, pkg.toLowerCase(), BICEP_VERSION, 'tools', path.basename(target));
  if (!existsSync(binary)) return `restored ${pkg} ${BICEP_VERSION} but found no ${path.basename(target)} in it; Bicep tests will be skipped`;
  copyFileSync(binary, target);
  chmodSync(target, 0o755);
  rmSync(work, { recursive: true, force: true });
  return `Bicep CLI ${BICEP_VERSION} restored to ${path.relative(root, target)}`;
}

try {
  console.log(`setup-bicep: ${run()}`);
} catch (error) {
  console.log(`setup-bicep: could not restore the Bicep CLI (${error.message.split('\n')[0]}); Bicep tests will be skipped`);
}
