/** One command to many agents at once: the fan-out shared by outpost-cli and the console's "Run on Selected". */
package outpost.client.fanout;
