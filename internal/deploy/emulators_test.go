package deploy_test

// The deploy against Google Cloud Storage and Azure Blob Storage, each a
// real emulator started by the test on loopback: fake-gcs-server
// (github.com/fsouza/fake-gcs-server, built by internal/e2e/install.sh into
// ~/.cache/medkb/bin) and Azurite (the npm package azurite, pinned in
// internal/e2e/package.json). The drivers find them through the variables
// their SDKs document — STORAGE_EMULATOR_HOST; AZURE_STORAGE_ACCOUNT,
// AZURE_STORAGE_KEY, AZURE_STORAGE_DOMAIN, AZURE_STORAGE_PROTOCOL and
// AZURE_STORAGE_IS_LOCAL_EMULATOR — never credentials in a URL.

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// startProcess starts a server and waits until addr accepts connections;
// it fails the test, naming the server, when it cannot.
func startProcess(t *testing.T, name, hint, addr string, cmd *exec.Cmd) {
	t.Helper()
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v; %s", name, err, hint)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("%s output:\n%s", name, logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second) // a hang guard for a slow start
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-exited:
			t.Fatalf("%s exited before listening on %s: %s\n%s", name, addr, hint, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %s: %v; %s\n%s", name, addr, err, hint, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const installHint = "run bash internal/e2e/install.sh"

func TestDeployToGCS(t *testing.T) {
	bin := os.Getenv("MEDKB_FAKE_GCS_SERVER")
	if bin == "" {
		home, _ := os.UserHomeDir()
		bin = filepath.Join(home, ".cache", "medkb", "bin", "fake-gcs-server")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("the GCS emulator fake-gcs-server is not installed (looked in $MEDKB_FAKE_GCS_SERVER and at %s): %s, which builds it with go install github.com/fsouza/fake-gcs-server", bin, installHint)
	}
	addr := freePort(t)
	_, port, _ := net.SplitHostPort(addr)
	startProcess(t, "fake-gcs-server", installHint, addr, exec.Command(bin, "-scheme", "http", "-host", "127.0.0.1", "-port", port,
		"-backend", "memory", "-public-host", addr, "-external-url", "http://"+addr, "-log-level", "error"))
	t.Setenv("STORAGE_EMULATOR_HOST", addr)
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "none.json")) // never the developer's
	resp, err := http.Post("http://"+addr+"/storage/v1/b?project=medkb", "application/json", strings.NewReader(`{"name":"health"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("creating the GCS bucket: %v %v", resp, err)
	}
	resp.Body.Close()
	deployCycle(t, store{"GCS (fake-gcs-server)", func(prefix string) string { return "gs://health/" + prefix }})
}

// Azurite's documented development account.
const (
	azuriteAccount = "devstoreaccount1"
	azuriteKey     = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)

func TestDeployToAzure(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: Azurite, the Azure Blob Storage emulator, runs on it; %s", installHint)
	}
	azurite, _ := filepath.Abs(filepath.Join("..", "e2e", "node_modules", "azurite", "dist", "src", "blob", "main.js"))
	if _, err := os.Stat(azurite); err != nil {
		t.Fatalf("the Azure emulator Azurite is not installed at %s: %s (npm ci installs the version pinned in internal/e2e/package.json)", azurite, installHint)
	}
	addr := freePort(t)
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(node, azurite, "--blobHost", host, "--blobPort", port,
		"--inMemoryPersistence", "--disableTelemetry", "--silent", "--skipApiVersionCheck")
	cmd.Dir = t.TempDir()
	startProcess(t, "Azurite", installHint, addr, cmd)
	t.Setenv("AZURE_STORAGE_ACCOUNT", azuriteAccount)
	t.Setenv("AZURE_STORAGE_KEY", azuriteKey)
	t.Setenv("AZURE_STORAGE_DOMAIN", addr)
	t.Setenv("AZURE_STORAGE_PROTOCOL", "http")
	t.Setenv("AZURE_STORAGE_IS_LOCAL_EMULATOR", "true")
	cred, err := azblob.NewSharedKeyCredential(azuriteAccount, azuriteKey)
	if err != nil {
		t.Fatal(err)
	}
	client, err := azblob.NewClientWithSharedKeyCredential(fmt.Sprintf("http://%s/%s", addr, azuriteAccount), cred, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateContainer(context.Background(), "health", nil); err != nil {
		t.Fatalf("creating the Azure container: %v", err)
	}
	deployCycle(t, store{"Azure (Azurite)", func(prefix string) string { return "azblob://health/" + prefix }})
}
